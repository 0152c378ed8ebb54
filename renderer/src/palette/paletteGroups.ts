import { NODE_TITLES } from '../../../core/graph/defaults';
import { NODE_DESCRIPTORS } from '../../../core/graph/nodes';
import { PALETTE_SECTIONS } from '../../../core/graph/nodes/palette';
import type { NodeType } from '../../../core/graph/schema';

export type PaletteGroup = { readonly title: string; readonly types: readonly NodeType[] };

/** Every node type, once, in the order a CNN is usually built (from the node descriptors). */
export const PALETTE_GROUPS: readonly PaletteGroup[] = PALETTE_SECTIONS;

/** Short hints shown under each palette entry and in quick-add. */
export const NODE_HINTS = Object.fromEntries(NODE_DESCRIPTORS.map((d) => [d.type, d.hint])) as {
  [T in NodeType]: string;
};

/** Case-insensitive match on title, type id and hint, best (prefix) matches first. */
export function searchNodeTypes(query: string): NodeType[] {
  const q = query.trim().toLowerCase();
  const all = PALETTE_GROUPS.flatMap((g) => g.types);
  if (!q) return all;
  const scored = all
    .map((type) => {
      const title = NODE_TITLES[type].toLowerCase();
      const id = type.toLowerCase();
      const hint = NODE_HINTS[type].toLowerCase();
      const score =
        title.startsWith(q) || id.startsWith(q)
          ? 0
          : title.includes(q) || id.includes(q)
            ? 1
            : hint.includes(q)
              ? 2
              : -1;
      return { type, score };
    })
    .filter((entry) => entry.score >= 0);
  return scored.sort((a, b) => a.score - b.score).map((entry) => entry.type);
}
