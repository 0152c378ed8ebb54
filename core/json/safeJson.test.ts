import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../graph/document';
import {
  JsonReadError,
  MAX_JSON_DEPTH,
  nestingExceeds,
  parseJsonCapped,
  tryParseJsonCapped,
} from './safeJson';

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const limits = { maxLength: 1024 * 1024 };

describe('capped JSON parsing', () => {
  it('refuses 5,000 nested arrays before parsing, naming the file and not the content', () => {
    const result = tryParseJsonCapped(nested(5000), 'settings.json of run r1', limits);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.problem).toBe('too-deep');
    expect(result.error.message).toBe(
      `settings.json of run r1 nests deeper than ${MAX_JSON_DEPTH} levels; refused.`,
    );
  });

  it('accepts exactly the depth cap and refuses one more, for arrays and objects alike', () => {
    expect(parseJsonCapped(nested(MAX_JSON_DEPTH), 'x', limits)).toBeDefined();
    expect(() => parseJsonCapped(nested(MAX_JSON_DEPTH + 1), 'x', limits)).toThrow(/deeper/);
    const objects = '{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1);
    expect(() => parseJsonCapped(objects, 'x', limits)).toThrow(JsonReadError);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: '[[[[{{{{\\"[[[[', b: ['"]]]]', '\\'] });
    expect(nestingExceeds(text, 2)).toBe(false);
    expect(parseJsonCapped(text, 'x', { maxLength: 1000, maxDepth: 2 })).toEqual(JSON.parse(text));
  });

  it('refuses text over its size cap without parsing it', () => {
    expect(() =>
      parseJsonCapped('"' + 'a'.repeat(2000) + '"', 'graph.deepwire.json', { maxLength: 1000 }),
    ).toThrow('graph.deepwire.json is larger than 1000 characters; refused.');
  });

  it('reports syntax errors without quoting the text', () => {
    const result = tryParseJsonCapped('{"secret": tru', 'a.json', limits);
    expect(result).toMatchObject({
      ok: false,
      error: { problem: 'syntax', message: 'a.json is not valid JSON.' },
    });
  });

  it('accepts a leading UTF-8 byte-order mark, and only a leading one', () => {
    expect(parseJsonCapped('\uFEFF{"a": [1]}', 'a.json', limits)).toEqual({ a: [1] });
    expect(() => parseJsonCapped(' \uFEFF{"a": [1]}', 'a.json', limits)).toThrow('a.json is not valid JSON.');
  });

  it('guards every document read: parseDocument refuses deep nesting with a json error, never throws', () => {
    expect(parseDocument(nested(5000))).toEqual({
      ok: false,
      error: { code: 'json', message: `The file nests deeper than ${MAX_JSON_DEPTH} levels; refused.` },
    });
  });

  it('agrees with JSON.parse on every value within the caps (seeded)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const text = JSON.stringify(value);
        expect(parseJsonCapped(text, 'x', { maxLength: 10 * 1024 * 1024 })).toEqual(JSON.parse(text));
      }),
      { seed: 1101, numRuns: 300 },
    );
  });
});
