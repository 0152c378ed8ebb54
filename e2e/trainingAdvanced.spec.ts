import { expect, test } from './fixtures';

/** The Advanced section edits the recipe a run starts with; its summary line says what is set. */
test('advanced training settings: augmentation, schedule and warm-up', async ({ page }) => {
  await page.getByTestId('tab-training').click();
  const summary = page.getByTestId('train-advanced-summary');
  await expect(summary).toHaveText('Advanced');
  await summary.click();

  await page.getByTestId('train-augment-flip').check();
  await page.getByTestId('train-augment-shift').fill('2');
  await page.getByTestId('train-warmup').fill('1');
  await page.getByTestId('train-schedule').selectOption('cosine');
  await expect(summary).toHaveText('Advanced — cosine, warm-up 1 epoch(s), flip + shift 2');

  await page.getByTestId('train-schedule').selectOption('multistep');
  await page.getByTestId('train-schedule-unit').selectOption('iteration');
  await page.getByTestId('train-schedule-milestones').fill('30, 10');
  await page.getByTestId('train-weight-decay').fill('0.0001');
  await expect(summary).toHaveText(
    'Advanced — ÷10 at 10, 30 it, warm-up 1 epoch(s), flip + shift 2, wd 0.0001',
  );
});
