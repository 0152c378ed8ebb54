import type { Page } from '@playwright/test';
import type { GraphDocument } from '../core/graph/schema';
import type { TrainingService } from '../main/services/training';
import { expect } from './fixtures';

/**
 * Trains one tiny run (1 epoch on 200 digits, a quarter held out) through
 * the host's training service and resolves with its id once it is done;
 * waits on the run's own final event, never on time.
 */
export async function trainTinyRun(service: TrainingService, document: GraphDocument): Promise<string> {
  let finish: (outcome: string) => void = () => undefined;
  const ended = new Promise<string>((resolve) => (finish = resolve));
  const pending = new Map<string, string>();
  let target: string | null = null;
  const unsubscribe = service.onEvent(({ runId, event }) => {
    const type = (event as { type?: string }).type;
    if (type !== 'done' && type !== 'failed') return;
    const outcome = type === 'done' ? 'done' : `failed: ${JSON.stringify(event)}`;
    if (runId === target) finish(outcome);
    else pending.set(runId, outcome);
  });
  const { runId } = await service.handle('training.start', {
    document,
    settings: {
      dataset: 'digits',
      limit: 200,
      epochs: 1,
      batchSize: 32,
      validationSplit: 0.25,
      backend: 'cpu',
      gradNormEvery: 1,
      seed: 3,
    },
  });
  target = runId;
  const early = pending.get(runId);
  if (early) finish(early);
  const outcome = await ended;
  unsubscribe();
  expect(outcome).toBe('done');
  return runId;
}

/** How many distinct RGBA values the first `count` canvases matching the selector hold (0 when blank). */
export async function distinctColours(page: Page, selector: string, count = 4): Promise<number> {
  return page.evaluate(
    ({ selector, count }) => {
      const colours = new Set<string>();
      for (const canvas of Array.from(document.querySelectorAll<HTMLCanvasElement>(selector)).slice(
        0,
        count,
      )) {
        const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        if (!data) continue;
        for (let i = 0; i < data.length; i += 4) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      }
      return colours.size;
    },
    { selector, count },
  );
}

/** Opens the Inside tab, expanded, on a run. */
export async function openRun(page: Page, url: string, runId: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await page.getByTestId('tab-inside').click();
  await expect(page.getByTestId('insight-run').locator(`option[value="${runId}"]`)).toHaveCount(1);
  await page.getByTestId('insight-run').selectOption(runId);
  await page.getByTestId('insight-expand').click();
}
