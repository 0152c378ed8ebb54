import type { z } from 'zod';
import { JSON_SIZE_LIMITS, JsonReadError, parseJsonCapped } from '../json/safeJson';
import { CURRENT_VERSION, DOCUMENT_FORMAT, documentSchema } from './schema';
import type { GraphDocument, GraphEdge, GraphNode } from './schema';
import { OLDEST_VERSION, migrate } from './migrations';
import type { RawDocument } from './migrations';

export type DocumentError = {
  code: 'json' | 'format' | 'version-too-new' | 'schema';
  message: string;
  path?: string;
};
/** Why a document may be looked at and edited but not saved over: it came from a newer Deepwire. */
export type ReadOnlyReason = { version: number; reason: string };
export type ParseResult =
  | { ok: true; document: GraphDocument; migratedFrom: number | null; readOnly?: ReadOnlyReason }
  | { ok: false; error: DocumentError };

export type ParseOptions = {
  /**
   * Read a newer version best-effort (read-only) instead of refusing it. Only
   * the editor's open path asks for this: it can show the file and forbid
   * saving over it. Training, the CLI and imports keep refusing, since a
   * newer file may mean something this version would silently ignore.
   */
  allowNewer?: boolean;
};

/**
 * Reads a document from JSON text or an already-parsed value: checks the
 * format marker, migrates older versions, refuses newer ones (or, with
 * `allowNewer`, reads them read-only), then validates against the schema.
 * Never throws.
 */
export function parseDocument(input: unknown, options: ParseOptions = {}): ParseResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = parseJsonText(input);
    } catch (e) {
      return fail('json', e instanceof JsonReadError ? e.message : 'The file is not valid JSON.');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('format', 'The file is not a Deepwire graph: expected a JSON object.');
  }
  const raw = value as RawDocument;
  if (raw['format'] !== DOCUMENT_FORMAT) {
    return fail(
      'format',
      `The file is not a Deepwire graph: "format" must be "${DOCUMENT_FORMAT}".`,
      'format',
    );
  }
  const version = raw['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_VERSION) {
    return fail(
      'format',
      `The document version ${JSON.stringify(version)} is not a known version.`,
      'version',
    );
  }
  if (version > CURRENT_VERSION) return parseNewer(raw, version, options.allowNewer === true);
  const migrated = version < CURRENT_VERSION ? migrate(raw, version) : raw;
  const parsed = documentSchema.safeParse(migrated);
  if (!parsed.success) return schemaFailure(parsed.error.issues, migrated);
  return { ok: true, document: parsed.data, migratedFrom: version < CURRENT_VERSION ? version : null };
}

/**
 * Where a document's text becomes JSON (the parser, the hosts' version check
 * before a save, the CLI): capped in size and nesting, a byte-order mark
 * allowed. Throws a JsonReadError whose message never quotes the text.
 */
export function parseJsonText(text: string): unknown {
  return parseJsonCapped(text, 'The file', { maxLength: JSON_SIZE_LIMITS.document });
}

const tooNewMessage = (version: number): string =>
  `This file is document version ${version}, made by a newer Deepwire; this one reads up to version ${CURRENT_VERSION}.`;

/**
 * A newer file read with today's schema: zod drops fields it does not know,
 * so if the known structure parses the graph can be shown, but saving it
 * would silently lose whatever the newer version added: hence read-only.
 */
function parseNewer(raw: RawDocument, version: number, allowNewer: boolean): ParseResult {
  if (!allowNewer)
    return fail('version-too-new', `${tooNewMessage(version)} Update Deepwire to open it.`, 'version');
  const parsed = documentSchema.safeParse({ ...raw, version: CURRENT_VERSION });
  if (!parsed.success) {
    const known = schemaFailure(parsed.error.issues, raw);
    const detail = known.ok ? '' : ` Not even its known parts could be read: ${known.error.message}`;
    return fail(
      'version-too-new',
      `${tooNewMessage(version)}${detail} Update Deepwire to open it.`,
      'version',
    );
  }
  const reason =
    `${tooNewMessage(version)} It is open read-only: saving over it would drop what version ${version} added. ` +
    `Use Save As to keep your changes in a new version-${CURRENT_VERSION} copy.`;
  return { ok: true, document: parsed.data, migratedFrom: null, readOnly: { version, reason } };
}

function fail(code: DocumentError['code'], message: string, path?: string): ParseResult {
  return { ok: false, error: path === undefined ? { code, message } : { code, message, path } };
}

/** Reports the first issue, naming the field path and, inside a node or edge, its id. */
function schemaFailure(issues: readonly z.core.$ZodIssue[], raw: RawDocument): ParseResult {
  const issue = issues[0];
  if (!issue) return fail('schema', 'The document does not match the schema.');
  const path = formatPath(issue.path);
  const owner = ownerId(issue.path, raw);
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const message = `${path || 'document'}: ${describeIssue(issue, valueAt(raw, issue.path))}${owner}${more}.`;
  return fail('schema', message, path);
}

export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    // Own properties only: a key such as 'constructor' must not reach the prototype.
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function ownerId(path: readonly PropertyKey[], raw: RawDocument): string {
  const [list, index] = path;
  if ((list !== 'nodes' && list !== 'edges') || typeof index !== 'number' || path.length < 3) return '';
  const id = valueAt(raw, [list, index, 'id']);
  return typeof id === 'string' ? ` (${list === 'nodes' ? 'node' : 'edge'} "${id}")` : '';
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} items`;
      if (issue.origin === 'string') return `must not be empty`;
      return `must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)} (got ${describeValue(value)})`;
    case 'too_big':
      if (issue.origin === 'array') return `has more than the ${String(issue.maximum)} items allowed`;
      if (issue.origin === 'string') return `is longer than ${String(issue.maximum)} characters`;
      return `must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)} (got ${describeValue(value)})`;
    case 'invalid_type':
      if (value === undefined) return `is missing (expected ${article(issue.expected)})`;
      return `must be ${article(issue.expected)} (got ${describeValue(value)})`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')} (got ${describeValue(value)})`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) {
        return `unknown node type ${describeValue(value)}`;
      }
      return `has an unsupported value ${describeValue(value)}${unionHint(issue.errors)}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** For a union of literals and a number (padding), say which forms are allowed. */
function unionHint(branches: readonly (readonly z.core.$ZodIssue[])[]): string {
  const forms: string[] = [];
  for (const branch of branches) {
    const first = branch[0];
    if (!first) continue;
    if (first.code === 'invalid_value') forms.push(...first.values.map((v) => JSON.stringify(v)));
    else if (first.code === 'invalid_type') forms.push(article(first.expected));
    else return '';
  }
  return forms.length > 0 ? ` (allowed: ${forms.join(', ')})` : '';
}

/** Stable, pretty JSON with a fixed key order and a trailing newline, so saved files diff cleanly. */
export function serializeDocument(doc: GraphDocument): string {
  const ordered = {
    format: doc.format,
    version: doc.version,
    ...(doc.id === undefined ? {} : { id: doc.id }),
    name: doc.name,
    nodes: doc.nodes.map(orderNode),
    edges: doc.edges.map(orderEdge),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function orderNode(node: GraphNode): Record<string, unknown> {
  return {
    id: node.id,
    type: node.type,
    label: node.label,
    params: node.params,
    position: { x: node.position.x, y: node.position.y },
    group: node.group,
  };
}

function orderEdge(edge: GraphEdge): Record<string, unknown> {
  return { id: edge.id, source: edge.source, target: edge.target, targetHandle: edge.targetHandle };
}

export function emptyDocument(name: string): GraphDocument {
  return { format: DOCUMENT_FORMAT, version: CURRENT_VERSION, name, nodes: [], edges: [] };
}
