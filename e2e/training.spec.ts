import type { Page } from '@playwright/test';
import { expect, trainingHostTest } from './fixtures';

const test = trainingHostTest('training');

test.use({ viewport: { width: 1600, height: 1000 } });

async function batchPoints(page: Page): Promise<number> {
  return Number(await page.getByTestId('train-chart').getAttribute('data-points'));
}

/**
 * The run is held (main/engine/train/testHold) after batches 3 and 10 of
 * epoch 1 and batch 5 of epoch 2, so the chart's progress is checked, and
 * pause and stop land, while it is still running, on a machine of any speed:
 * 600 digits, 10% for validation, in batches of 8 make 68 batches an epoch.
 * A held batch is always reported, so each hold adds a point to the chart.
 */
test('train LeNet-5 on digits: the chart moves, pause, resume, stop', async ({ page, trainingHost }) => {
  test.setTimeout(240_000);
  const { holds } = trainingHost;
  await page.getByTestId('toolbar-templates').click();
  await page.getByTestId('template-card-lenet5').click();
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
  await page.getByTestId('tab-training').click();

  await expect(page.getByTestId('train-dataset').locator('option[value=digits]')).toHaveCount(1);
  await page.getByTestId('train-dataset').selectOption('digits');
  await page.getByTestId('train-epochs').fill('3');
  await page.getByTestId('train-limit').fill('600');
  await page.getByTestId('train-batch-size').fill('8');
  await expect(page.getByTestId('train-disabled-reason')).toHaveCount(0);
  holds.holdNextRun([
    { epoch: 1, batch: 3 },
    { epoch: 1, batch: 10 },
    { epoch: 2, batch: 5 },
  ]);
  await page.getByTestId('train-button').click();

  const status = page.getByTestId('train-status');
  expect(await holds.nextHold()).toEqual({ epoch: 1, batch: 3 });
  await expect(status).toHaveAttribute('data-phase', 'training');
  await expect.poll(() => batchPoints(page)).toBeGreaterThanOrEqual(1);
  const early = await batchPoints(page);
  holds.release();
  expect(await holds.nextHold()).toEqual({ epoch: 1, batch: 10 });
  await expect.poll(() => batchPoints(page)).toBeGreaterThan(early);

  // Pause while held: the request reaches the process before the release, so the run pauses next batch.
  await page.getByTestId('train-pause').click();
  await holds.sent('pause');
  holds.release();
  await expect(status).toHaveAttribute('data-phase', 'paused');
  const paused = await batchPoints(page);
  await page.getByTestId('train-resume').click();
  await expect(status).toHaveAttribute('data-phase', 'training');
  // Epoch 1's last batch and epoch 2's held one are reported by the last hold at the latest.
  expect(await holds.nextHold()).toEqual({ epoch: 2, batch: 5 });
  await expect.poll(() => batchPoints(page)).toBeGreaterThan(paused);

  // Stop while held: the run ends there, never done.
  await page.getByTestId('train-stop').click();
  await expect(status).toHaveAttribute('data-phase', 'stopped');
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await expect(page.getByTestId('train-error')).toHaveCount(0);
});

test('a graph with errors cannot be trained and says why', async ({ page }) => {
  await page.getByTestId('toolbar-new').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.getByTestId('tab-training').click();
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await expect(page.getByTestId('train-disabled-reason')).toContainText(/Fix \d+ errors? before training/);
});
