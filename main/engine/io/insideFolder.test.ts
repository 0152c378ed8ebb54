import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderPrefix, isInsideFolder } from './insideFolder';

describe('isInsideFolder', () => {
  const root = resolve('/work/space');

  it('accepts the folder itself and paths under it', () => {
    expect(isInsideFolder(root, root)).toBe(true);
    expect(isInsideFolder(root, join(root, 'data', 'a.csv'))).toBe(true);
    expect(isInsideFolder(root, join(root, '..hidden'))).toBe(true);
  });

  it('refuses a sibling sharing the prefix, the parent and other folders', () => {
    expect(isInsideFolder(root, `${root}-evil`)).toBe(false);
    expect(isInsideFolder(root, resolve(root, '..'))).toBe(false);
    expect(isInsideFolder(root, resolve('/etc/passwd'))).toBe(false);
  });

  it('treats a root given with a trailing separator the same', () => {
    expect(folderPrefix(root + sep)).toBe(root + sep);
    expect(isInsideFolder(root + sep, join(root, 'x'))).toBe(true);
    expect(isInsideFolder(root + sep, `${root}-evil`)).toBe(false);
  });
});
