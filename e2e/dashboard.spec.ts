import type { Locator, Page } from '@playwright/test';
import { expect, trainingHostTest } from './fixtures';

const test = trainingHostTest('dashboard');

test.use({ viewport: { width: 1600, height: 1000 } });

/**
 * Pixels of a uPlot chart's canvas drawn in one series colour (axes and grid
 * are grey): proof that this series' curve or points were drawn, not just a frame.
 */
async function pixelsOfColour(chart: Locator, hex: string): Promise<number> {
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return chart
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement, target: number[]) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        const close = target.every((v, c) => Math.abs((data[i + c] ?? 0) - v) < 40);
        if (close && (data[i + 3] ?? 0) > 200) count++;
      }
      return count;
    }, rgb);
}

/** The first run colours of renderer/src/dashboard/chartData.ts (plain red and residual blue in the depth plot). */
const RUN_BLUE = '#4e9af1';
const RUN_RED = '#f15a4e';
const RUN_GREEN = '#5ad17a';
const RUN_ORANGE = '#f1b24e';

async function trainTemplate(page: Page, template: string): Promise<void> {
  await page.getByTestId('toolbar-templates').click();
  await page.getByTestId(`template-card-${template}`).click();
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
  await page.getByTestId('tab-training').click();
  await page.getByTestId('train-dataset').selectOption('shapes');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-limit').fill('128');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-phase', 'done', { timeout: 150_000 });
}

test('two runs: dashboard, history, compare with overlaid curves and the graph diff', async ({ page }) => {
  test.setTimeout(420_000);
  await trainTemplate(page, 'simple-cnn');
  await trainTemplate(page, 'lenet5');

  // The live dashboard saw the second run from its first event to its end.
  await page.getByTestId('toolbar-runs').click();
  await page.getByTestId('dash-tab-live').click();
  await expect(page.getByTestId('dash-live')).toHaveAttribute('data-phase', 'done');
  expect(Number(await page.getByTestId('dash-chart-batch-loss').getAttribute('data-points'))).toBeGreaterThan(
    0,
  );
  await expect(page.getByTestId('dash-backend')).not.toHaveText('…');

  await page.getByTestId('dash-tab-history').click();
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute('data-status', 'done');
  await expect(rows.first().getByTestId('run-thumbnail')).toBeVisible();

  await rows.nth(0).getByTestId('run-open').click();
  await expect(page.getByTestId('run-detail-graph').locator('g[data-node-id]')).not.toHaveCount(0);

  await rows.nth(0).getByTestId('run-select').check();
  await rows.nth(1).getByTestId('run-select').check();
  await page.getByTestId('history-compare').click();
  const panel = page.getByTestId('compare-panel');
  await expect(panel).toHaveAttribute('data-ready', 'true');
  const chart = page.getByTestId('compare-chart');
  // Two runs × (train, validation).
  await expect(chart).toHaveAttribute('data-series-count', '4');
  await expect.poll(() => pixelsOfColour(chart, RUN_BLUE)).toBeGreaterThan(20);
  await expect.poll(() => pixelsOfColour(chart, RUN_RED)).toBeGreaterThan(20);
  await expect(page.getByTestId('compare-table').locator('tbody tr')).toHaveCount(2);

  const diff = page.getByTestId('graph-diff');
  await expect(diff).toHaveCount(1);
  expect(Number(await diff.getAttribute('data-changes'))).toBeGreaterThan(0);
  const marked = page.locator(
    '[data-testid=diff-graph-after] g[data-mark=added], [data-testid=diff-graph-after] g[data-mark=changed]',
  );
  await expect(marked).not.toHaveCount(0);
  await expect(page.getByTestId('diff-lines')).not.toBeEmpty();
});

test('degradation experiment, quick preset: overlaid curves, error by depth and the computed summary', async ({
  page,
  trainingHost,
}) => {
  test.setTimeout(600_000);
  await page.getByTestId('toolbar-experiment').click();
  const panel = page.getByTestId('experiment-panel');
  await expect(panel).toHaveAttribute('data-phase', 'idle');
  await page.getByTestId('exp-dataset').selectOption('shapes');
  await page.getByTestId('exp-depth-56').uncheck();
  await page.getByTestId('exp-depth-32').check();
  await page.getByTestId('exp-epochs').fill('2');
  await page.getByTestId('exp-limit').fill('96');
  await expect(page.getByTestId('exp-preset')).toHaveValue('quick');
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

  const overlay = page.getByTestId('experiment-overlay');
  // plain-20, plain-32, resnet-20, resnet-32 × (train, validation).
  await expect(overlay).toHaveAttribute('data-series-count', '8');
  // Curves of similar runs may cover each other, so ask for ink in most run colours rather than all.
  const drawnColours = async () => {
    const counts = await Promise.all(
      [RUN_BLUE, RUN_RED, RUN_GREEN, RUN_ORANGE].map((colour) => pixelsOfColour(overlay, colour)),
    );
    return counts.filter((n) => n > 20).length;
  };
  await expect.poll(drawnColours).toBeGreaterThanOrEqual(2);
  const depth = page.getByTestId('experiment-depth');
  await expect(depth).toHaveAttribute('data-series-count', '2');
  await expect(depth).toHaveAttribute('data-points', '2');
  await expect(overlay).toHaveAttribute('data-points', '2');
  await expect.poll(() => pixelsOfColour(depth, RUN_RED)).toBeGreaterThan(20);
  await expect.poll(() => pixelsOfColour(depth, RUN_BLUE)).toBeGreaterThan(20);
  await expect(page.getByTestId('experiment-summary')).toContainText(/plain-32|resnet-32/);
  await expect(page.getByTestId('experiment-summary')).toContainText(/%/);
});
