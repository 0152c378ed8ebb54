import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../core/training/events';
import { DEFAULT_SETTINGS } from '../../../core/training/settings';
import { RunControl } from './control';
import { runTrainingLoop } from './loop';
import { createOptimizer, disposeOptimizer } from './optimizer';
import { formatHoldPoints, parseHoldPoints, TEST_HOLD_ENV, type HoldPoint } from './testHold';
import { syntheticSource, tinyModel } from './testModel';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 64 images in batches of 8: 8 batches an epoch. `onHeld` plays the test that holds the run. */
async function runHeld(
  holds: HoldPoint[],
  onHeld: (at: HoldPoint, control: RunControl, events: TrainingEvent[]) => void,
  control = new RunControl(),
) {
  const events: TrainingEvent[] = [];
  const model = tinyModel(1);
  const optimizer = createOptimizer('sgd', 0.1);
  control.holdAfter(holds, (at) => onHeld(at, control, events));
  const result = await runTrainingLoop({
    model,
    nodeIdOfLayer: () => undefined,
    optimizer,
    train: syntheticSource(64, 5),
    validation: null,
    classes: 3,
    settings: { ...DEFAULT_SETTINGS, batchSize: 8, epochs: 3, gradNormEvery: 0 },
    control,
    // A clock that never moves: no batch event is due by time, so only forced ones appear.
    now: () => 0,
    batchEventIntervalMs: 1,
    emit: (e) => events.push(e),
  });
  model.dispose();
  disposeOptimizer(optimizer);
  return { result, events };
}

const batchesOf = (events: TrainingEvent[]) =>
  events.flatMap((e) => (e.type === 'batch' ? [`${e.epoch}:${e.batch}`] : []));

describe('the test hold', () => {
  it('parses <epoch>:<batch> lists, round-trips them, and names the variable when malformed', () => {
    expect(parseHoldPoints(undefined)).toEqual([]);
    expect(parseHoldPoints('')).toEqual([]);
    const points = parseHoldPoints('2:30, 3:5');
    expect(points).toEqual([
      { epoch: 2, batch: 30 },
      { epoch: 3, batch: 5 },
    ]);
    expect(parseHoldPoints(formatHoldPoints(points))).toEqual(points);
    expect(() => parseHoldPoints('2-30')).toThrow(new RegExp(`^${TEST_HOLD_ENV}: '2-30'`));
    expect(() => parseHoldPoints('0:3')).toThrow(TEST_HOLD_ENV);
  });

  it('holds after the named batch, reported exactly, until released; nothing runs meanwhile', async () => {
    const seen: { at: HoldPoint; batches: string[] }[] = [];
    let atRelease: string[] = [];
    const { result, events } = await runHeld([{ epoch: 2, batch: 3 }], (at, control, sofar) => {
      seen.push({ at, batches: batchesOf(sofar) });
      // Released later, from another task: the loop must not go on by itself in between.
      setImmediate(() => {
        atRelease = batchesOf(sofar);
        control.releaseHold();
      });
    });
    expect(seen.map((s) => s.at)).toEqual([{ epoch: 2, batch: 3 }]);
    // The clock never moves, so only each epoch's first and last batch are due; the held one is reported too.
    expect(seen[0]?.batches).toEqual(['1:1', '1:8', '2:1', '2:3']);
    expect(atRelease).toEqual(seen[0]?.batches);
    expect(result.state).toMatchObject({ epoch: 3, step: 24 });
    expect(result.stopped).toBe(false);
    expect(batchesOf(events).slice(4)).toEqual(['2:8', '3:1', '3:8']);
  });

  it('a pause sent while held shows once released; a stop while held ends the run there', async () => {
    const phases = (events: TrainingEvent[]) => events.flatMap((e) => (e.type === 'status' ? [e.phase] : []));
    const { result, events } = await runHeld(
      [
        { epoch: 1, batch: 2 },
        { epoch: 2, batch: 4 },
      ],
      (at, control, sofar) => {
        if (at.epoch === 2) return control.stop();
        control.pause();
        control.releaseHold();
        // The loop pauses at its next batch, after the release: resume once it has said so.
        const resumeWhenPaused = (): void => {
          if (phases(sofar).includes('paused')) control.resume();
          else setImmediate(resumeWhenPaused);
        };
        setImmediate(resumeWhenPaused);
      },
    );
    expect(phases(events)).toEqual(['paused', 'training']);
    expect(result.stopped).toBe(true);
    expect(result.state).toMatchObject({ epoch: 1, step: 12 });
    expect(batchesOf(events).at(-1)).toBe('2:4');
  });

  it('without holdAfter nothing holds and a release is a no-op', async () => {
    const control = new RunControl();
    control.releaseHold();
    expect(control.holdsAfter({ epoch: 1, batch: 1 })).toBe(false);
    const { result } = await runHeld([], () => undefined, control);
    expect(result.state.step).toBe(24);
  });
});
