import type { Page } from '@playwright/test';
import { expect, trainingHostTest } from './fixtures';

const test = trainingHostTest('experiment');

test.use({ viewport: { width: 1600, height: 1000 } });

/** The number of shaded min–max bands in one of the panel's SVG figures (an <img> of core's chart writer). */
async function bandsOf(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-bands'));
}

test('degradation experiment over two seeds: estimate before Run, mean curves with min–max bands, mean ± std', async ({
  page,
  trainingHost,
}) => {
  test.setTimeout(600_000);
  await page.getByTestId('toolbar-experiment').click();
  const panel = page.getByTestId('experiment-panel');
  await expect(panel).toHaveAttribute('data-phase', 'idle');
  await page.getByTestId('exp-dataset').selectOption('shapes');
  await page.getByTestId('exp-depth-56').uncheck();
  await expect(page.getByTestId('exp-preset')).toHaveValue('quick');
  // The quick preset's own seeds are the placeholder; two keep the test short.
  await expect(page.getByTestId('exp-seeds')).toHaveAttribute('placeholder', '1,2,3');
  await page.getByTestId('exp-seeds').fill('1,2');
  await page.getByTestId('exp-epochs').fill('2');
  await page.getByTestId('exp-limit').fill('64');

  // The estimate is measured before anything trains: a short probe of this machine's speed.
  const estimate = page.getByTestId('exp-estimate');
  await expect(estimate).toContainText('2 epoch(s) × 2 seed(s) × 2 nets; momentum lr 0.05, batch 64');
  await page.getByTestId('exp-estimate-measure').click();
  await expect(estimate).toHaveAttribute('data-pending', 'false', { timeout: 300_000 });
  await expect(estimate).toContainText(/≈ .* img\/s .* 4 runs/);

  // The first member holds after its first batch (main/engine/train/testHold): the experiment is
  // seen running on a machine of any speed, then let go.
  trainingHost.holds.holdNextRun([{ epoch: 1, batch: 1 }]);
  await page.getByTestId('exp-start').click();
  expect(await trainingHost.holds.nextHold()).toEqual({ epoch: 1, batch: 1 });
  await expect(panel).toHaveAttribute('data-phase', 'running');
  await expect(panel).toHaveAttribute('data-members', '4');
  trainingHost.holds.release();
  await expect(panel).toHaveAttribute('data-phase', 'done', { timeout: 540_000 });
  await expect(page.locator('[data-testid=experiment-members] li[data-status=done]')).toHaveCount(4);
  await expect(page.locator('[data-testid=experiment-members] li').first()).toContainText('plain-20 seed 1');

  // plain-20 and resnet-20 × (train, validation): one band each around the seed mean, over 2 epochs.
  await expect.poll(() => bandsOf(page, 'experiment-overlay')).toBe(4);
  // One depth: each kind's seed spread is a bar at depth 20.
  await expect.poll(() => bandsOf(page, 'experiment-depth')).toBe(2);
  const overlay = page.getByTestId('experiment-overlay');
  await expect(overlay).toHaveJSProperty('complete', true);
  expect(await overlay.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  const rows = page.locator('[data-testid=experiment-table] tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('plain-20');
  await expect(rows.first()).toContainText('±');
  const summary = page.getByTestId('experiment-summary');
  // Which sentence it is depends on the measured numbers; each names the nets or their depth.
  await expect(summary).toContainText(/plain-20|resnet-20|depth 20/);
  await expect(summary).toContainText('over 2 seeds');
});
