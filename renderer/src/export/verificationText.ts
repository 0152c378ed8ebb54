import { MIN_AGREEMENT, type ExportVerification } from '../../../core/ipc/exportContract';

export type VerificationStatus = 'passed' | 'failed' | 'skipped';

export function verificationStatus(v: ExportVerification, tolerance: number): VerificationStatus {
  if (!v.ran) return 'skipped';
  if (v.agreement !== undefined) return v.agreement >= MIN_AGREEMENT ? 'passed' : 'failed';
  return v.maxAbsDiff !== undefined && v.maxAbsDiff <= tolerance ? 'passed' : 'failed';
}

/** `3e-8`-style numbers: two significant digits are enough to compare with the tolerance. */
function short(value: number): string {
  return value === 0 ? '0' : value.toExponential(1).replace('.0e', 'e');
}

/**
 * One check as a line of the Export dialog: `✓ max |Δ| = 3e-8 ≤ 1e-4`,
 * `✗ max |Δ| = 2.1e-3 > 1e-4`, or `not run: <why>`.
 */
export function verificationText(v: ExportVerification, tolerance: number): string {
  const status = verificationStatus(v, tolerance);
  if (status === 'skipped') return `not run: ${v.reason ?? 'no reason given'}`;
  if (v.agreement !== undefined) {
    const sign = status === 'passed' ? '≥' : '<';
    const agreement = `${(v.agreement * 100).toFixed(1)}%`;
    return `${status === 'passed' ? '✓' : '✗'} top-1 agreement ${agreement} ${sign} ${MIN_AGREEMENT * 100}%: ${v.check}`;
  }
  if (v.maxAbsDiff === undefined) return `✗ ${v.reason ?? 'no result'}`;
  const sign = status === 'passed' ? '≤' : '>';
  return `${status === 'passed' ? '✓' : '✗'} max |Δ| = ${short(v.maxAbsDiff)} ${sign} ${short(tolerance)}`;
}
