import type { Page } from '@playwright/test';
import { expect, trainingHostTest } from './fixtures';

const test = trainingHostTest('training');

test.use({ viewport: { width: 1600, height: 1000 } });

async function batchPoints(page: Page): Promise<number> {
  return Number(await page.getByTestId('train-chart').getAttribute('data-points'));
}

test('train LeNet-5 on digits: the chart moves, pause, resume, stop', async ({ page }) => {
  test.setTimeout(240_000);
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
  await page.getByTestId('train-button').click();

  const status = page.getByTestId('train-status');
  await expect(status).toHaveAttribute('data-phase', 'training', { timeout: 120_000 });
  await expect.poll(() => batchPoints(page), { timeout: 120_000 }).toBeGreaterThan(1);
  const early = await batchPoints(page);
  await expect.poll(() => batchPoints(page), { timeout: 60_000 }).toBeGreaterThan(early);

  await page.getByTestId('train-pause').click();
  await expect(status).toHaveAttribute('data-phase', 'paused', { timeout: 30_000 });
  const paused = await batchPoints(page);
  await page.getByTestId('train-resume').click();
  await expect(status).toHaveAttribute('data-phase', 'training');
  await expect.poll(() => batchPoints(page), { timeout: 60_000 }).toBeGreaterThan(paused);

  await page.getByTestId('train-stop').click();
  await expect(status).toHaveAttribute('data-phase', 'stopped', { timeout: 30_000 });
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
