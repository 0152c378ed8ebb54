/**
 * JSON from files and sockets, checked before `JSON.parse`: a size cap per
 * kind of text and a nesting-depth cap. V8 parses deep nesting without
 * trouble, but everything after it recurses (JSON.stringify of the reply,
 * structured clone, schema walks), so a 10 KB file of 5,000 nested arrays
 * would overflow the stack far from where it was read.
 */

const MiB = 1024 * 1024;

/** Deeper than any file Deepwire writes or imports (a Keras config nests about 15 levels). */
export const MAX_JSON_DEPTH = 64;

/** The most characters each kind of JSON text may have. */
export const JSON_SIZE_LIMITS = {
  /** A graph document: what `file.read` and `file.write` allow. */
  document: 32 * MiB,
  /** Settings, provenance, normalisation, experiment tags, checkpoint state and other small run files. */
  runFile: 4 * MiB,
  /** One line of a run's metrics log. */
  metricsLine: 1 * MiB,
  /** A model description (tfjs model.json, a Keras config): topology plus the weight manifest. */
  model: 64 * MiB,
  /** The host's own state files (the recent list, package.json). */
  state: 1 * MiB,
} as const;

export type JsonLimits = { maxLength: number; maxDepth?: number };

export type JsonReadProblem = 'too-large' | 'too-deep' | 'syntax';

/** A JSON text refused; the message names what was read (a file name), never its content. */
export class JsonReadError extends Error {
  readonly problem: JsonReadProblem;

  constructor(problem: JsonReadProblem, message: string) {
    super(message);
    this.name = 'JsonReadError';
    this.problem = problem;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/** Whether `text` opens more than `maxDepth` arrays/objects at once; brackets inside strings do not count. */
export function nestingExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

function sizeText(chars: number): string {
  return chars >= MiB ? `${Math.round(chars / MiB)} MiB` : `${chars} characters`;
}

/** The refusal for a text over its cap, for callers that check a byte size before reading. */
export function tooLargeError(what: string, maxLength: number): JsonReadError {
  return new JsonReadError('too-large', `${what} is larger than ${sizeText(maxLength)}; refused.`);
}

/** Throws a JsonReadError naming `what` when `text` is over its size cap or nests too deep. */
export function checkJsonCaps(text: string, what: string, limits: JsonLimits): void {
  if (text.length > limits.maxLength) throw tooLargeError(what, limits.maxLength);
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  if (nestingExceeds(text, maxDepth)) {
    throw new JsonReadError('too-deep', `${what} nests deeper than ${maxDepth} levels; refused.`);
  }
}

/**
 * Parses JSON (a leading byte-order mark allowed) after checking its size and depth; throws a JsonReadError
 * naming `what` (e.g. "settings.json of run X"). Syntax errors are reported
 * without V8's message, which quotes the text.
 */
export function parseJsonCapped(text: string, what: string, limits: JsonLimits): unknown {
  // Editors on Windows save UTF-8 with a leading byte-order mark, which JSON.parse refuses.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkJsonCaps(body, what, limits);
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new JsonReadError('syntax', `${what} is not valid JSON.`);
  }
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: JsonReadError };

/** parseJsonCapped without throwing. */
export function tryParseJsonCapped(text: string, what: string, limits: JsonLimits): JsonParseResult {
  try {
    return { ok: true, value: parseJsonCapped(text, what, limits) };
  } catch (error) {
    if (error instanceof JsonReadError) return { ok: false, error };
    throw error;
  }
}
