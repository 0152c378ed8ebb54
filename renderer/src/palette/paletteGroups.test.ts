import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from '../../../core/graph/schema';
import { PALETTE_GROUPS, searchNodeTypes } from './paletteGroups';

describe('palette', () => {
  it('lists every node type exactly once', () => {
    const listed = PALETTE_GROUPS.flatMap((g) => g.types);
    expect([...listed].sort()).toEqual([...NODE_TYPES].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('finds types by title, id and hint, prefix matches first', () => {
    expect(searchNodeTypes('conv')[0]).toBe('conv2d');
    expect(searchNodeTypes('max')[0]).toBe('maxPool2d');
    expect(searchNodeTypes('skip')).toContain('add');
    expect(searchNodeTypes('')).toHaveLength(NODE_TYPES.length);
    expect(searchNodeTypes('zzzz')).toEqual([]);
  });
});
