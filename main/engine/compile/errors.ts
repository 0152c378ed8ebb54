/** Why a graph could not be turned into a tfjs model; codes are stable for the UI to key on. */
export type CompileErrorCode =
  | 'composite-not-expanded'
  | 'cycle'
  | 'unknown-node'
  | 'missing-input'
  | 'too-many-inputs'
  | 'no-output'
  | 'multiple-outputs'
  | 'no-input'
  | 'needs-image'
  | 'needs-vector'
  | 'stride-with-dilation'
  | 'empty-output'
  | 'tfjs';

/**
 * A compile failure, reported against the node that caused it (undefined for
 * whole-graph problems). `message` names the node for logs; `reason` does not,
 * for callers that carry the node id beside it (training's failed event).
 */
export class CompileError extends Error {
  constructor(
    readonly code: CompileErrorCode,
    readonly reason: string,
    readonly nodeId: string | undefined,
  ) {
    super(nodeId === undefined ? reason : `${reason} (node '${nodeId}')`);
    this.name = 'CompileError';
  }
}
