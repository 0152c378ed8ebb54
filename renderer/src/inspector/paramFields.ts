import type { z } from 'zod';
import { nodeSchema, type NodeType } from '../../../core/graph/schema';

export type FieldKind =
  | { readonly kind: 'number'; readonly integer: boolean }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'enum'; readonly options: readonly string[] }
  /** A few named values or a number, e.g. padding: "same" | "valid" | P. */
  | { readonly kind: 'namedOrNumber'; readonly names: readonly string[] };

export type ParamField = { readonly name: string; readonly label: string; readonly field: FieldKind };

type SchemaDef = {
  type: string;
  options?: readonly { def: SchemaDef }[];
  values?: readonly unknown[];
  entries?: Record<string, string>;
  checks?: readonly unknown[];
};

/** The zod object schema of a node type's params (from the document schema, the single source). */
export function paramsSchemaOf(type: NodeType): z.ZodObject {
  const option = nodeSchema.options.find((o) => o.shape.type.value === type);
  if (!option) throw new Error(`Unknown node type ${type}`);
  return option.shape.params as z.ZodObject;
}

function kindOf(def: SchemaDef, schema: unknown): FieldKind | null {
  switch (def.type) {
    case 'number': {
      const integer = (schema as { isInt?: boolean }).isInt === true;
      return { kind: 'number', integer };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'enum', options: Object.values(def.entries ?? {}) };
    case 'union': {
      const names = (def.options ?? []).flatMap((o) =>
        o.def.type === 'literal'
          ? (o.def.values ?? []).filter((v): v is string => typeof v === 'string')
          : [],
      );
      return { kind: 'namedOrNumber', names };
    }
    default:
      return null;
  }
}

const LABELS: Record<string, string> = { fn: 'Function', useBias: 'Bias', firstStride: 'First stride' };

/** "depthRadius" → "Depth radius". */
export function humanize(name: string): string {
  const known = LABELS[name];
  if (known) return known;
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The editable fields of a node type, read from its zod schema. */
export function paramFieldsOf(type: NodeType): ParamField[] {
  const shape = paramsSchemaOf(type).shape as Record<string, { def: SchemaDef }>;
  return Object.entries(shape).flatMap(([name, schema]) => {
    const field = kindOf(schema.def, schema);
    return field ? [{ name, label: humanize(name), field }] : [];
  });
}

/** Text typed into a field → the value to validate (numbers stay strings when unparsable, so zod names the problem). */
export function parseFieldText(field: FieldKind, text: string): unknown {
  const trimmed = text.trim();
  if (field.kind === 'namedOrNumber' && field.names.includes(trimmed)) return trimmed;
  if (field.kind === 'number' || field.kind === 'namedOrNumber') {
    if (trimmed === '') return undefined;
    const value = Number(trimmed);
    return Number.isNaN(value) ? trimmed : value;
  }
  return text;
}

export function formatFieldValue(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/**
 * Checks a candidate params object; returns the message for `name` (or the
 * first message) when invalid, null when valid.
 */
export function validateParams(type: NodeType, params: Record<string, unknown>, name: string): string | null {
  const result = paramsSchemaOf(type).safeParse(params);
  if (result.success) return null;
  const issue = result.error.issues.find((i) => i.path[0] === name) ?? result.error.issues[0];
  if (!issue) return 'Invalid value';
  const value = params[issue.path[0] as string];
  if (value === undefined) return 'A value is required';
  if (issue.code === 'invalid_union') return 'Enter a whole number ≥ 0, or one of the named values';
  if (issue.code === 'invalid_type')
    return typeof value === 'number' ? 'Must be a whole number' : 'Enter a number';
  return issue.message;
}
