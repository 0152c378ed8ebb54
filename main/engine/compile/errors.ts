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

/** A compile failure, reported against the node that caused it (undefined for whole-graph problems). */
export class CompileError extends Error {
  constructor(
    readonly code: CompileErrorCode,
    message: string,
    readonly nodeId: string | undefined,
  ) {
    super(nodeId === undefined ? message : `${message} (node '${nodeId}')`);
    this.name = 'CompileError';
  }
}
