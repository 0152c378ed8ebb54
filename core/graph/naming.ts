import { NODE_TITLES } from './defaults';
import type { GraphNode } from './schema';

/** How messages name a node: its type's title and its label (or id), e.g. `Conv 2D "conv1"`. */
export function nodeName(node: GraphNode): string {
  return `${NODE_TITLES[node.type]} "${node.label ?? node.id}"`;
}

/** "a", "a and b", "a, b and c". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
