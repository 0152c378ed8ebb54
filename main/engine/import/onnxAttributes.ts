import { JSON_SIZE_LIMITS, parseJsonCapped } from '../../../core/json/safeJson';
import type { OnnxAttribute, OnnxNode } from '../export/onnx/onnx-proto';

/** Typed reads of an ONNX node's attributes, with the operator's documented defaults as fallbacks. */
export const attrOf = (n: OnnxNode, name: string): OnnxAttribute | undefined =>
  n.attribute.find((a) => a.name === name);

export const intAttr = (n: OnnxNode, name: string, fallback: number): number =>
  Number(attrOf(n, name)?.i ?? fallback);

/** ONNX float attributes are float32: keep the 7 significant digits they carry (0.001, not 0.0010000000474974513). */
export const float32 = (v: number): number => Number(v.toPrecision(7));

export const floatAttr = (n: OnnxNode, name: string, fallback: number): number =>
  float32(attrOf(n, name)?.f ?? fallback);

export const intsAttr = (n: OnnxNode, name: string): number[] | undefined =>
  attrOf(n, name)?.ints?.map(Number);

/** A string attribute decoded from its bytes (empty bytes give ''), or undefined when absent. */
export function stringAttr(n: OnnxNode, name: string): string | undefined {
  const bytes = attrOf(n, name)?.s;
  return bytes ? new TextDecoder().decode(bytes) : undefined;
}

/** The JSON object Deepwire's exporter writes into a node's docString (what an Identity stood for), if any. */
export function docOf(n: OnnxNode): Record<string, unknown> | null {
  if (!n.docString) return null;
  try {
    const parsed = parseJsonCapped(n.docString, 'a node docString', { maxLength: JSON_SIZE_LIMITS.runFile });
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
