import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documentSchema, LIMITS } from '../graph/schema';
import { calls, events } from './contract';

/**
 * Every string and array that can cross the IPC boundary must have a cap, so
 * a hostile renderer or page cannot make the host allocate without bound. The
 * schemas are walked through their JSON Schema form (maxLength / maxItems);
 * opaque `unknown` fields are allowed only where a handler parses them with
 * its own capped schema.
 */

type JsonSchema = { [key: string]: unknown };
type Finding = { path: string; kind: 'string' | 'array' | 'record' | 'opaque' };

/** An anchored pattern whose every repetition is bounded caps the length by itself. */
function isBoundedPattern(pattern: unknown): boolean {
  return typeof pattern === 'string' && /^\^.*\$$/.test(pattern) && !/(?<!\\)[+*]/.test(pattern);
}

function isOpaque(schema: JsonSchema): boolean {
  const shaping = ['type', 'anyOf', 'oneOf', 'allOf', 'const', 'enum', 'not', '$ref'];
  return !shaping.some((key) => key in schema);
}

function uncapped(root: unknown, path: string): Finding[] {
  const found: Finding[] = [];
  const walk = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    const schema = node as JsonSchema;
    if (isOpaque(schema)) found.push({ path: at, kind: 'opaque' });
    const fixedValues = 'enum' in schema || 'const' in schema;
    const stringCapped = schema.maxLength !== undefined || isBoundedPattern(schema.pattern) || fixedValues;
    if (schema.type === 'string' && !stringCapped) found.push({ path: at, kind: 'string' });
    if (schema.type === 'array' && schema.maxItems === undefined && schema.prefixItems === undefined)
      found.push({ path: at, kind: 'array' });
    if (schema.type === 'object' && typeof schema.additionalProperties === 'object')
      found.push({ path: at, kind: 'record' });
    const children = schema.properties as Record<string, unknown> | undefined;
    for (const [key, child] of Object.entries(children ?? {})) walk(child, `${at}.${key}`);
    if (schema.items !== undefined) walk(schema.items, `${at}[]`);
    for (const key of ['prefixItems', 'anyOf', 'oneOf', 'allOf'] as const) {
      const list = schema[key];
      if (Array.isArray(list)) list.forEach((child) => walk(child, `${at}`));
    }
  };
  walk(root, path);
  return found;
}

const toJson = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' });

/** Request fields a handler parses itself (parseDocument, parseSettings), bounded by the frame/IPC size. */
const OPAQUE_REQUEST_FIELDS = ['training.start.document', 'training.start.settings'];

/** Host-produced response fields without a cap: none; a new uncapped field fails this test. */
const KNOWN_UNCAPPED_RESPONSES: string[] = [];

describe('contract size caps', () => {
  it('caps every string and array of every request; only the documented fields are opaque', () => {
    const findings = Object.entries(calls).flatMap(([channel, { request }]) =>
      uncapped(toJson(request, 'input'), channel),
    );
    expect(findings.filter((f) => f.kind !== 'opaque')).toEqual([]);
    expect(findings.map((f) => f.path).sort()).toEqual([...OPAQUE_REQUEST_FIELDS].sort());
  });

  it('caps every response field except the listed host-produced ones', () => {
    const findings = Object.entries(calls)
      .flatMap(([channel, { response }]) => uncapped(toJson(response, 'output'), channel))
      .filter((f) => f.kind !== 'opaque');
    expect(findings.map((f) => f.path).sort()).toEqual([...KNOWN_UNCAPPED_RESPONSES].sort());
  });

  it('caps the graph document: nodes, edges, ids, names and labels', () => {
    expect(uncapped(toJson(documentSchema, 'input'), 'document')).toEqual([]);
    const node = { id: 'a', type: 'flatten', params: {}, position: { x: 0, y: 0 } };
    const doc = { format: 'deepwire', version: 1, name: 'n', nodes: [node], edges: [] };
    const tooMany = Array.from({ length: LIMITS.maxNodes + 1 }, (_, i) => ({ ...node, id: `n${i}` }));
    expect(documentSchema.safeParse({ ...doc, nodes: tooMany }).success).toBe(false);
    const edge = { id: 'e', source: 'a', target: 'a' };
    const tooManyEdges = Array.from({ length: LIMITS.maxEdges + 1 }, () => edge);
    expect(documentSchema.safeParse({ ...doc, edges: tooManyEdges }).success).toBe(false);
    const long = 'x'.repeat(LIMITS.maxNameLength + 1);
    expect(documentSchema.safeParse({ ...doc, name: long }).success).toBe(false);
    expect(documentSchema.safeParse({ ...doc, nodes: [{ ...node, label: long }] }).success).toBe(false);
    expect(documentSchema.safeParse({ ...doc, nodes: [{ ...node, id: long }] }).success).toBe(false);
    expect(documentSchema.safeParse(doc).success).toBe(true);
  });

  it('caps the strings of pushed events except the engine-produced run id', () => {
    const findings = Object.entries(events).flatMap(([event, schema]) =>
      uncapped(toJson(schema, 'output'), event),
    );
    expect(findings.filter((f) => f.kind !== 'opaque').map((f) => f.path)).toEqual(['training.event.runId']);
  });

  it('detects an uncapped field, so the walk itself is trusted', () => {
    const probe = z.object({
      a: z.string(),
      b: z.array(z.number()).max(3),
      c: z.record(z.string(), z.number()),
    });
    expect(uncapped(toJson(probe, 'input'), 'probe').map((f) => `${f.path}:${f.kind}`)).toEqual([
      'probe.a:string',
      'probe.c:record',
    ]);
  });
});
