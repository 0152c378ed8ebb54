import { EXPORT_FORMAT_IDS, MIN_AGREEMENT, type ExportFormatId } from '../../../core/ipc/exportContract';

export { MIN_AGREEMENT };

/** The one list of formats lives in the contract, so the page and the engine cannot differ. */
export const EXPORT_FORMATS = EXPORT_FORMAT_IDS;
export type ExportFormat = ExportFormatId;

/** One check of an export: ran with its largest absolute output difference, or why it could not run. */
export type Verification = {
  check: string;
  ran: boolean;
  maxAbsDiff?: number;
  reason?: string;
  /** A quantized export's check: the share of images whose top class matches the float model's. */
  agreement?: number;
};

export type ExportResult = { files: string[]; verification: Verification[] };

/** The largest output difference a verified export may show. */
export const TOLERANCE = 1e-4;

export function verificationFailed(v: Verification): boolean {
  if (v.agreement !== undefined) return v.ran && !(v.agreement >= MIN_AGREEMENT);
  return v.ran && !(v.maxAbsDiff !== undefined && v.maxAbsDiff <= TOLERANCE);
}

export function formatVerification(v: Verification): string {
  if (!v.ran) return `SKIPPED ${v.check}: ${v.reason ?? 'no reason given'}`;
  if (v.agreement !== undefined) {
    const shown = `${(v.agreement * 100).toFixed(1)}%`;
    return `${verificationFailed(v) ? 'FAILED' : 'OK'} ${v.check}: top-1 agreement ${shown} (minimum ${MIN_AGREEMENT * 100}%)`;
  }
  const diff = v.maxAbsDiff === undefined ? 'no result' : v.maxAbsDiff.toExponential(2);
  return `${verificationFailed(v) ? 'FAILED' : 'OK'} ${v.check}: max abs diff ${diff} (tolerance ${TOLERANCE})`;
}
