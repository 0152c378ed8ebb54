import { describe, expect, it } from 'vitest';
import { runLabel } from './runLabel';

const base = {
  runId: '20261204-185012-00ab12',
  graphName: 'LeNet-5',
  dataset: 'digits',
  createdAt: '2026-12-04T18:50:12.345Z',
  backend: 'wasm',
  outcome: 'done',
  valAcc: 0.9712,
};

describe('run labels', () => {
  it('name the graph, dataset, date and result, not the id', () => {
    expect(runLabel(base)).toBe('LeNet-5 · digits · 2026-12-04 18:50 UTC · val acc 97.1%');
    expect(runLabel(base)).not.toContain(base.runId);
  });

  it('prefer the best val accuracy, and say how an unfinished run ended', () => {
    expect(runLabel({ ...base, bestValAcc: 0.98 })).toContain('val acc 98.0%');
    expect(runLabel({ ...base, status: 'crashed' })).toMatch(/ · crashed$/);
    expect(runLabel({ ...base, outcome: 'stopped', valAcc: null })).toMatch(/ · stopped$/);
  });

  it('show a dataset spec by its last part and an imported model as such', () => {
    expect(runLabel({ ...base, dataset: 'folder:data/cats-vs-dogs' })).toContain(' · cats-vs-dogs · ');
    expect(runLabel({ ...base, backend: 'imported', valAcc: null })).toContain(' · imported model · ');
  });
});
