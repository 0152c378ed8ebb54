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

/** The first run colours of renderer/src/dashboard/chartData.ts. */
const RUN_BLUE = '#4e9af1';
const RUN_RED = '#f15a4e';

async function trainTemplate(page: Page, template: string): Promise<void> {
  await page.getByTestId('toolbar-templates').click();
  await page.getByTestId(`template-card-${template}`).click();
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
  await page.getByTestId('tab-training').click();
  await page.getByTestId('train-dataset').selectOption('shapes');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-limit').fill('128');
  const status = page.getByTestId('train-status');
  const previousRun = (await status.getAttribute('data-run-id')) ?? '';
  await page.getByTestId('train-button').click();
  // The panel still shows the previous run as done until this one's id arrives: wait for the new run first.
  await expect(status).not.toHaveAttribute('data-run-id', new RegExp(`^(${previousRun})?$`), {
    timeout: 150_000,
  });
  await expect(status).toHaveAttribute('data-phase', 'done', { timeout: 150_000 });
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
