import { buildSimpleCnn } from '../core/templates/classic';
import type { WebHost } from '../main/host/webHost';
import { expect, trainingHostTest } from './fixtures';
import { distinctColours, openRun, trainTinyRun } from './insightRuns';

/**
 * Error analysis against a real host: a tiny conv run is trained, then a
 * confusion cell is opened, its pictures are the ones the cell counts, and a
 * picture's Grad-CAM is drawn and saved as PNG.
 */

type Fixtures = { errors: { host: WebHost; runId: string } };

const test = trainingHostTest('errorAnalysis').extend<object, Fixtures>({
  errors: [
    async ({ trainingHost }, use) => {
      const runId = await trainTinyRun(trainingHost.training, buildSimpleCnn());
      await use({ host: trainingHost.host, runId });
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});

test('a confusion cell shows its pictures, a picture its Grad-CAM, both savable as PNG', async ({
  page,
  errors,
}) => {
  await openRun(page, errors.host.url, errors.runId);
  await page.getByTestId('insight-tab-predictions').click();
  const matrix = page.getByTestId('confusion-matrix');
  await expect(matrix.locator('rect.confusion-cell')).toHaveCount(100);

  // Per-class precision/recall/F1 beside the matrix: one row per class.
  await expect(page.getByTestId('class-metrics').locator('tbody tr')).toHaveCount(10);

  // The fullest cell, so it has pictures whatever the tiny run learned.
  const cells = await matrix.locator('rect.confusion-cell').evaluateAll((rects) =>
    rects.map((r) => ({
      id: r.getAttribute('data-testid') ?? '',
      count: Number(r.getAttribute('data-count')),
    })),
  );
  const fullest = cells.reduce((a, b) => (b.count > a.count ? b : a));
  expect(fullest.count).toBeGreaterThan(0);
  await page.getByTestId(fullest.id).click();
  const view = page.getByTestId('confusion-cell-view');
  await expect(view.getByTestId('confusion-cell-title')).toContainText(`: ${fullest.count} picture`);
  await expect(view.getByTestId('cell-item')).toHaveCount(Math.min(fullest.count, 24));
  await expect.poll(() => distinctColours(page, '[data-testid=cell-item] canvas', 4)).toBeGreaterThan(1);

  const [gallery] = await Promise.all([
    page.waitForEvent('download'),
    view.locator('button.save-image').click(),
  ]);
  expect(gallery.suggestedFilename()).toMatch(/^confusion-.*\.png$/);

  // A picture of the cell explained: the overlay is drawn, at the only conv layer, for the predicted class.
  await view.getByTestId('cell-item').first().click();
  const cam = page.getByTestId('gradcam-view');
  await expect(cam.getByTestId('gradcam-layer')).toHaveValue('conv');
  const predicted = fullest.id.split('-').at(-1) ?? '';
  await expect(cam.getByTestId('gradcam-class')).toHaveValue(predicted);
  await expect.poll(() => distinctColours(page, '[data-testid=gradcam-canvas]', 1)).toBeGreaterThan(8);

  // Another class redraws the map for that class.
  const other = predicted === '0' ? '1' : '0';
  await cam.getByTestId('gradcam-class').selectOption(other);
  await expect(cam.getByTestId('gradcam-class')).toHaveValue(other);
  await expect.poll(() => distinctColours(page, '[data-testid=gradcam-canvas]', 1)).toBeGreaterThan(1);

  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    cam.locator('button.save-image').click(),
  ]);
  expect(saved.suggestedFilename()).toBe('gradcam-conv.png');
});
