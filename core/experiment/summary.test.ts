import { describe, expect, it } from 'vitest';
import { errorByDepth, summarizeExperiment, type MemberResult } from './summary';

const member = (
  depth: number,
  residual: boolean,
  trainError: number | null,
  valError: number | null = null,
): MemberResult => ({
  label: `${residual ? 'resnet' : 'plain'}-${depth}`,
  depth,
  residual,
  trainError,
  valError,
});

describe('summarizeExperiment', () => {
  it('names degradation when the deeper plain net trains worse, with the numbers', () => {
    const text = summarizeExperiment([
      member(20, false, 0.184, 0.2),
      member(56, false, 0.231, 0.26),
      member(20, true, 0.17, 0.19),
      member(56, true, 0.15, 0.18),
    ]);
    expect(text).toContain('plain-56 ends with higher training error (23.1%) than plain-20 (18.4%)');
    expect(text).toContain('degradation, not overfitting');
    expect(text).toContain('validation error is higher too (26.0% vs 20.0%)');
    expect(text).toContain('resnet-56 reaches lower training error (15.0%) than resnet-20 (17.0%)');
    expect(text).toContain('At depth 56 the shortcuts lower training error by 8.1 points');
  });

  it('says honestly when no degradation is visible', () => {
    const text = summarizeExperiment([member(20, false, 0.3), member(56, false, 0.25)]);
    expect(text).toMatch(
      /^No degradation visible at this budget: plain-56 ends with lower training error \(25\.0%\)/,
    );
    expect(text).not.toContain('not overfitting');
  });

  it('treats differences under half a point as a tie', () => {
    const text = summarizeExperiment([member(20, false, 0.3), member(56, false, 0.303)]);
    expect(text).toContain('about the same training error (30.3% vs 30.0%)');
  });

  it('ignores unfinished runs and says when nothing can be compared', () => {
    expect(summarizeExperiment([])).toBe('No run has finished an epoch yet.');
    expect(summarizeExperiment([member(20, false, 0.3), member(56, false, null)])).toMatch(
      /^Not enough finished runs/,
    );
  });

  it('uses the shallowest and deepest of each kind when more depths ran', () => {
    const text = summarizeExperiment([
      member(20, false, 0.1),
      member(32, false, 0.5),
      member(44, false, 0.2),
    ]);
    expect(text).toContain('plain-44 ends with higher training error (20.0%) than plain-20 (10.0%)');
  });
});

describe('errorByDepth', () => {
  it('lines up plain and residual errors by sorted depth, null where a run is missing', () => {
    expect(errorByDepth([member(56, false, 0.3), member(20, false, 0.2), member(20, true, 0.1)])).toEqual({
      depths: [20, 56],
      plain: [0.2, 0.3],
      residual: [0.1, null],
    });
  });
});
