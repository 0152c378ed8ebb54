import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../core/graph/defaults';
import { NODE_TYPES } from '../../../core/graph/schema';
import { humanize, paramFieldsOf, parseFieldText, validateParams } from './paramFields';

describe('param fields from the zod schema', () => {
  it('reads field kinds for conv2d', () => {
    const fields = paramFieldsOf('conv2d');
    expect(fields.map((f) => f.name)).toEqual([
      'filters',
      'kernel',
      'stride',
      'padding',
      'dilation',
      'useBias',
    ]);
    expect(fields.find((f) => f.name === 'padding')?.field).toEqual({
      kind: 'namedOrNumber',
      names: ['same', 'valid'],
    });
    expect(fields.find((f) => f.name === 'useBias')?.field).toEqual({ kind: 'boolean' });
    expect(paramFieldsOf('activation')[0]?.field).toMatchObject({ kind: 'enum' });
  });

  it('covers every param of every node type', () => {
    for (const type of NODE_TYPES) {
      expect(
        paramFieldsOf(type)
          .map((f) => f.name)
          .sort(),
      ).toEqual(Object.keys(DEFAULT_PARAMS[type]).sort());
    }
  });

  it('parses typed text', () => {
    expect(parseFieldText({ kind: 'number', integer: true }, ' 16 ')).toBe(16);
    expect(parseFieldText({ kind: 'number', integer: true }, '')).toBeUndefined();
    expect(parseFieldText({ kind: 'number', integer: true }, 'abc')).toBe('abc');
    expect(parseFieldText({ kind: 'namedOrNumber', names: ['same', 'valid'] }, 'valid')).toBe('valid');
    expect(parseFieldText({ kind: 'namedOrNumber', names: ['same', 'valid'] }, '2')).toBe(2);
  });

  it('explains invalid values and accepts valid ones', () => {
    const base = { ...DEFAULT_PARAMS.conv2d };
    expect(validateParams('conv2d', base, 'filters')).toBeNull();
    expect(validateParams('conv2d', { ...base, filters: 0 }, 'filters')).toMatch(/>=\s*1/);
    expect(validateParams('conv2d', { ...base, filters: 1.5 }, 'filters')).toBe('Must be a whole number');
    expect(validateParams('conv2d', { ...base, filters: 'x' }, 'filters')).toBe('Enter a number');
    expect(validateParams('conv2d', { ...base, filters: undefined }, 'filters')).toBe('A value is required');
    expect(validateParams('conv2d', { ...base, padding: 'wide' }, 'padding')).toMatch(/named values/);
  });

  it('humanizes names', () => {
    expect(humanize('depthRadius')).toBe('Depth radius');
    expect(humanize('fn')).toBe('Function');
  });
});
