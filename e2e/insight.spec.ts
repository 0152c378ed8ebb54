import { buildLinearClassifier, buildSimpleCnn } from '../core/templates/classic';
import type { WebHost } from '../main/host/webHost';
import { expect, trainingHostTest } from './fixtures';
import { distinctColours, openRun, trainTinyRun } from './insightRuns';

/**
 * The inside views against a real web host with a real training service:
 * two tiny runs (a conv net and the linear classifier, 1 epoch on 200
 * digits) are trained first, then each view must draw actual pictures.
 */

type InsightFixtures = { insight: { host: WebHost; convRun: string; linearRun: string } };

const test = trainingHostTest('insight').extend<object, InsightFixtures>({
  insight: [
    async ({ trainingHost }, use) => {
      const convRun = await trainTinyRun(trainingHost.training, buildSimpleCnn());
      const linearRun = await trainTinyRun(trainingHost.training, buildLinearClassifier());
      await use({ host: trainingHost.host, convRun, linearRun });
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});

test.describe('inside the network', () => {
  test('activation maps and the depth strip for a sample', async ({ page, insight }) => {
    await openRun(page, insight.host.url, insight.convRun);
    await page.getByTestId('insight-tab-activations').click();
    await page.getByTestId('node-chip-conv').click();
    const maps = page.getByTestId('activation-canvas');
    await expect(maps).toHaveCount(8); // one map per filter of the 8-filter conv
    await expect.poll(() => distinctColours(page, '[data-testid=activation-canvas]')).toBeGreaterThan(3);
    await expect.poll(() => distinctColours(page, '[data-testid=sample-canvas]', 1)).toBeGreaterThan(1);
    await expect(page.getByTestId('depth-strip').locator('canvas')).toHaveCount(1);
    // The next sample redraws: a different picture goes in.
    await page.getByRole('button', { name: 'Next sample' }).click();
    await expect(page.getByTestId('sample-index')).toHaveValue('1');
    await expect.poll(() => distinctColours(page, '[data-testid=activation-canvas]')).toBeGreaterThan(3);
  });

  test('first-layer filters drawn per filter', async ({ page, insight }) => {
    await openRun(page, insight.host.url, insight.convRun);
    await page.getByTestId('insight-tab-filters').click();
    await expect(page.getByTestId('filter-canvas')).toHaveCount(8);
    await expect.poll(() => distinctColours(page, '[data-testid=filter-canvas]', 8)).toBeGreaterThan(8);
  });

  test('weight templates of the linear classifier, one picture per class', async ({ page, insight }) => {
    await openRun(page, insight.host.url, insight.linearRun);
    await page.getByTestId('insight-tab-templates').click();
    await expect(page.getByTestId('template-canvas')).toHaveCount(10);
    await expect(page.getByTestId('templates-view').locator('figcaption').first()).toHaveText('0');
    await expect.poll(() => distinctColours(page, '[data-testid=template-canvas]', 10)).toBeGreaterThan(20);
  });

  test('confusion matrix, galleries and gradient flow', async ({ page, insight }) => {
    await openRun(page, insight.host.url, insight.convRun);
    await page.getByTestId('insight-tab-predictions').click();
    const matrix = page.getByTestId('confusion-matrix');
    await expect(matrix.locator('rect.confusion-cell')).toHaveCount(100);
    // About 50 validation samples (25% of 200, rounded per class): the cells add up to the stated count.
    const total = await matrix
      .locator('rect.confusion-cell title')
      .evaluateAll((titles) =>
        titles.reduce((sum, t) => sum + Number(t.textContent?.split(': ').at(-1) ?? 0), 0),
      );
    const stated = Number(/(\d+) validation samples/.exec((await matrix.textContent()) ?? '')?.[1]);
    expect(total).toBe(stated);
    expect(total).toBeGreaterThanOrEqual(45);
    expect(total).toBeLessThanOrEqual(55);
    const galleries =
      (await page.getByTestId('gallery-wrong').locator('figure').count()) +
      (await page.getByTestId('gallery-correct').locator('figure').count());
    expect(galleries).toBeGreaterThan(0);
    await expect(page.getByTestId('softmax-bars').first().locator('rect.softmax-bar')).toHaveCount(10);

    await page.getByTestId('insight-tab-gradients').click();
    const cells = page.getByTestId('gradient-heatmap').locator('rect.heat-cell');
    // simple-cnn has 3 weighted layers (conv, dense, output) and 6 batches of 32 in one epoch.
    await expect.poll(() => cells.count()).toBeGreaterThanOrEqual(3 * 4);
    const fills = await cells.evaluateAll((rects) => new Set(rects.map((r) => r.getAttribute('fill'))).size);
    expect(fills).toBeGreaterThan(2);
  });

  test('the inspector plots an activation, slides a kernel and shows a hand-set kernel’s edge map', async ({
    page,
    insight,
  }) => {
    await page.goto(insight.host.url);
    await expect(page.getByTestId('app-ready')).toBeVisible();
    // The start-up example is the Simple CNN: relu after a 3×3 same conv on 28×28×1.
    await page.getByTestId('node-relu').click();
    const curve = page.getByTestId('activation-plot').getByTestId('activation-curve');
    await expect(curve).toHaveAttribute('d', /^M0\.0,/);
    await expect(page.getByTestId('activation-plot')).toContainText('max(0, x)');

    await page.getByTestId('node-conv').click();
    const preview = page.getByTestId('kernel-preview');
    await expect(preview).toContainText('output 28×28');
    // 28 > 16, so the preview uses 9×9 with same padding (1 each side): 11×11 input cells, 9×9 output cells.
    await expect(preview.locator('rect.cell-input')).toHaveCount(81);
    await expect(preview.locator('rect.cell-pad')).toHaveCount(121 - 81);
    await expect.poll(() => distinctColours(page, '[data-testid=edge-map-canvas]', 1)).toBeGreaterThan(2);
    // A 1×1 identity kernel shows the picture itself: still not blank, and the map grows to the full 28×28.
    await page.getByTestId('kernel-text').fill('1');
    await expect
      .poll(() => page.getByTestId('edge-map-canvas').evaluate((c) => (c as HTMLCanvasElement).width))
      .toBe(28);
  });
});
