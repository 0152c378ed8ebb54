import type { Page } from '@playwright/test';
import { expect, trainingHostTest } from './fixtures';

const test = trainingHostTest('watchTraining');

test.use({ viewport: { width: 1400, height: 900 } });

async function panelHeight(page: Page): Promise<number> {
  const box = await page.locator('.bottom-panel').boundingBox();
  return box?.height ?? 0;
}

async function setUpRun(page: Page, epochs: string): Promise<void> {
  await page.getByTestId('toolbar-templates').click();
  await page.getByTestId('template-card-linear-classifier').click();
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
  await page.getByTestId('tab-training').click();
  await expect(page.getByTestId('train-dataset').locator('option[value=digits]')).toHaveCount(1);
  await page.getByTestId('train-dataset').selectOption('digits');
  await page.getByTestId('train-epochs').fill(epochs);
  await page.getByTestId('train-limit').fill('300');
  await page.getByTestId('train-batch-size').fill('8');
}

test('the bottom panel resizes on its splitter and keeps its height', async ({ page }) => {
  const before = await panelHeight(page);
  const bar = await page.getByTestId('bottom-splitter').boundingBox();
  if (!bar) throw new Error('no splitter');
  await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
  await page.mouse.down();
  await page.mouse.move(bar.x + bar.width / 2, bar.y - 200, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => panelHeight(page)).toBeGreaterThan(before + 150);
  const dragged = await panelHeight(page);
  // Keyboard too: the splitter is focusable and ↓ shrinks the panel.
  await page.getByTestId('bottom-splitter').focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => panelHeight(page)).toBeLessThan(dragged);
  const kept = await panelHeight(page);
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect.poll(() => panelHeight(page)).toBe(kept);
});

/**
 * The run is held after batches 2 and 6 of epoch 1 (300 digits, 10% held out,
 * batches of 8: 34 batches an epoch), so the status line is read mid-epoch,
 * before any epoch has ended, on a machine of any speed.
 */
test('the Training tab shows epoch x/N, batch, speed, elapsed and ETA from the first batch; charts are themed and smoothed', async ({
  page,
  trainingHost,
}) => {
  test.setTimeout(240_000);
  const { holds } = trainingHost;
  await setUpRun(page, '2');
  holds.holdNextRun([
    { epoch: 1, batch: 2 },
    { epoch: 1, batch: 6 },
  ]);
  await page.getByTestId('train-button').click();
  const status = page.getByTestId('train-status');
  expect(await holds.nextHold()).toEqual({ epoch: 1, batch: 2 });
  await expect(status).toContainText(/Epoch 1\/2 · batch 2\/\d+ · \d+ img\/s · elapsed \d+/);
  holds.release();
  expect(await holds.nextHold()).toEqual({ epoch: 1, batch: 6 });
  await expect(status).toContainText(/Epoch 1\/2 · batch 6\/\d+ · \d+ img\/s · elapsed [\d\w ]+ · ETA \d+/);
  await expect(page.getByTestId('train-chart')).toHaveAttribute('data-epochs', '0');

  // Charts: the app's dark panel colour, the title beside (never under) the save button.
  const frame = page.locator('.train-chart .dash-chart-frame').first();
  await expect(frame).toHaveCSS('background-color', 'rgb(27, 31, 38)');
  const title = await frame.locator('.dash-chart-title').boundingBox();
  const save = await frame.locator('.save-image').boundingBox();
  if (!title || !save) throw new Error('chart head missing');
  expect(title.x + title.width).toBeLessThanOrEqual(save.x);
  // Smoothing: the per-batch chart draws raw and smoothed loss; the slider's weight is kept.
  await expect(page.getByTestId('train-chart-batch')).toHaveAttribute('data-series-count', '2');
  await page.getByTestId('loss-smoothing').fill('0.9');
  await expect(page.locator('.smoothing-slider output')).toHaveText('0.90');
  holds.release();
  await expect(status).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
});

test('the dashboard follows the live run: a new run replaces the one it showed', async ({
  page,
  trainingHost,
}) => {
  test.setTimeout(240_000);
  await setUpRun(page, '1');
  await page.getByTestId('train-button').click();
  const status = page.getByTestId('train-status');
  await expect(status).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
  const first = await status.getAttribute('data-run-id');

  await page.getByTestId('toolbar-runs').click();
  await page.getByTestId('dash-tab-live').click();
  await expect(page.getByTestId('dash-live')).toHaveAttribute('data-run-id', first ?? '');
  await expect(page.getByTestId('dash-run-select')).toHaveAttribute('data-follow', 'true');
  await page.getByTestId('dash-close').click();

  trainingHost.holds.holdNextRun([{ epoch: 1, batch: 1 }]);
  await page.getByTestId('train-button').click();
  expect(await trainingHost.holds.nextHold()).toEqual({ epoch: 1, batch: 1 });
  await expect(status).not.toHaveAttribute('data-run-id', first ?? '');
  const second = await status.getAttribute('data-run-id');
  await page.getByTestId('toolbar-runs').click();
  await page.getByTestId('dash-tab-live').click();
  await expect(page.getByTestId('dash-live')).toHaveAttribute('data-run-id', second ?? '');
  trainingHost.holds.release();
  await expect(page.getByTestId('dash-live')).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
});
