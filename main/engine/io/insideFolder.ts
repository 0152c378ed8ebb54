import { sep } from 'node:path';

/** `root` ending in one separator: the prefix every path inside it starts with. */
export function folderPrefix(root: string): string {
  return root.endsWith(sep) ? root : root + sep;
}

/**
 * Whether `candidate` is `root` or inside it, both absolute and normalised
 * (resolved or real paths). The trailing separator stops `/a/bc` matching
 * `/a/b`; a name that merely starts with `..` (`/a/b/..c`) is still inside.
 */
export function isInsideFolder(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(folderPrefix(root));
}
