import { describe, expect, it } from 'vitest';
import { verificationStatus, verificationText } from './verificationText';

const TOL = 1e-4;

describe('verificationText', () => {
  it('shows a passed check with its difference and the tolerance', () => {
    const v = { check: 'TF.js', ran: true, maxAbsDiff: 3e-8 };
    expect(verificationStatus(v, TOL)).toBe('passed');
    expect(verificationText(v, TOL)).toBe('✓ max |Δ| = 3e-8 ≤ 1e-4');
  });

  it('treats an exact match as passed and a difference over the tolerance as failed', () => {
    expect(verificationText({ check: 'x', ran: true, maxAbsDiff: 0 }, TOL)).toBe('✓ max |Δ| = 0 ≤ 1e-4');
    const bad = { check: 'x', ran: true, maxAbsDiff: 0.00213 };
    expect(verificationStatus(bad, TOL)).toBe('failed');
    expect(verificationText(bad, TOL)).toBe('✗ max |Δ| = 2.1e-3 > 1e-4');
  });

  it('fails a check that ran without a difference, showing why', () => {
    const v = { check: 'ONNX', ran: true, reason: 'output shape did not match' };
    expect(verificationStatus(v, TOL)).toBe('failed');
    expect(verificationText(v, TOL)).toBe('✗ output shape did not match');
  });

  it('says why a check did not run', () => {
    const v = { check: 'PyTorch', ran: false, reason: 'python3 with torch not found' };
    expect(verificationStatus(v, TOL)).toBe('skipped');
    expect(verificationText(v, TOL)).toBe('not run: python3 with torch not found');
  });
});
