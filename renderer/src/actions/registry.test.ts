import { describe, expect, it } from 'vitest';
import { actionForKey, KEYBOARD_ACTIONS } from './registry';
import { key } from './testState';

describe('keyboard registry', () => {
  it('maps each shortcut to exactly one action', () => {
    expect(actionForKey(key('z', { ctrlKey: true }))?.name).toBe('undo');
    expect(actionForKey(key('Z', { metaKey: true, shiftKey: true }))?.name).toBe('redo');
    expect(actionForKey(key('y', { ctrlKey: true }))?.name).toBe('redo');
    expect(actionForKey(key('c', { ctrlKey: true }))?.name).toBe('copy');
    expect(actionForKey(key('v', { ctrlKey: true }))?.name).toBe('paste');
    expect(actionForKey(key('Delete'))?.name).toBe('deleteSelection');
    expect(actionForKey(key('a', { ctrlKey: true }))?.name).toBe('selectAll');
    expect(actionForKey(key('Escape'))?.name).toBe('clearSelection');
    expect(actionForKey(key('x'))).toBeUndefined();
  });

  it('has no two actions claiming the same key', () => {
    const probes = ['z', 'Z', 'y', 'c', 'v', 'a', 'Delete', 'Backspace', 'Escape'].flatMap((k) =>
      [{}, { ctrlKey: true }, { ctrlKey: true, shiftKey: true }].map((m) => key(k, m)),
    );
    for (const probe of probes) {
      expect(KEYBOARD_ACTIONS.filter((a) => a.keyTest?.(probe)).length).toBeLessThanOrEqual(1);
    }
  });
});
