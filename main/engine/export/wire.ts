import type { ExportVerification } from '../../../core/ipc/exportContract';
import type { Verification } from './types';

/** A non-finite difference (shape mismatch, NaN) cannot cross as JSON: it becomes a failed check with a reason. */
export function toWireVerification(v: Verification): ExportVerification {
  const base = {
    check: v.check,
    ran: v.ran,
    ...(v.reason === undefined ? {} : { reason: v.reason }),
    ...(v.agreement === undefined ? {} : { agreement: v.agreement }),
  };
  if (v.maxAbsDiff === undefined) return base;
  if (Number.isFinite(v.maxAbsDiff)) return { ...base, maxAbsDiff: v.maxAbsDiff };
  return {
    ...base,
    reason: v.reason ?? 'the exported model’s output did not match in shape or was not a number',
  };
}
