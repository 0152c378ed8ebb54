import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, trainingHostTest } from './fixtures';

const test = trainingHostTest('export-right-run');

test.use({ viewport: { width: 1600, height: 1000 } });

async function trainBriefly(page: Page): Promise<void> {
  await page.getByTestId('tab-training').click();
  await expect(page.getByTestId('train-dataset').locator('option[value=digits]')).toHaveCount(1);
  await page.getByTestId('train-dataset').selectOption('digits');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-limit').fill('256');
  await page.getByTestId('train-batch-size').fill('32');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
}

async function openTemplate(page: Page, id: string): Promise<void> {
  await page.getByTestId('toolbar-templates').click();
  await page.getByTestId(`template-card-${id}`).click();
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
}

test('the Training tab offers the open graph’s runs only, named by graph, dataset, date and result; Run history exports any finished run', async ({
  page,
  workspace,
}) => {
  test.setTimeout(300_000);
  await openTemplate(page, 'lenet5');
  await trainBriefly(page);
  const [runId] = await readdir(join(workspace, 'runs'));
  expect(runId).toBeDefined();

  // The finished run is offered by what it is, not by its id.
  const picker = page.getByTestId('graph-run-picker');
  await expect(picker.locator('option')).toHaveCount(1);
  await expect(picker.locator('option').first()).toHaveText(
    /^LeNet-5 · digits · \d{4}-\d\d-\d\d \d\d:\d\d UTC · /,
  );
  await expect(picker.locator('option').first()).not.toContainText(String(runId));

  // Saved, so the graph can be opened again later with its identity.
  await page.getByTestId('toolbar-save-as').click();
  await page.getByTestId('file-dialog-name').fill('lenet-hand.deepwire.json');
  await page.getByTestId('file-dialog-confirm').click();
  await expect(page.getByTestId('file-dialog')).toHaveCount(0);

  // Another graph: the LeNet-5 run is neither shown nor offered for export.
  await openTemplate(page, 'lenet5');
  await page.getByTestId('tab-training').click();
  await expect(page.getByTestId('graph-runs-empty')).toBeVisible();
  await expect(page.getByTestId('training-panel').getByTestId('export-open')).toHaveCount(0);
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-run-id', '');

  // Opening the saved graph brings its run back, and Export… exports that run.
  await page.getByTestId('toolbar-open').click();
  await expect(page.getByTestId('file-dialog')).toBeVisible();
  await page.getByTestId('file-entry-lenet-hand.deepwire.json').click();
  await page.getByTestId('file-dialog-confirm').click();
  await expect(page.getByTestId('file-dialog')).toHaveCount(0);
  await page.getByTestId('tab-training').click();
  await expect(picker.locator('option')).toHaveCount(1);
  await expect(picker).toHaveValue(String(runId));
  await page.getByTestId('training-panel').getByTestId('export-open').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-run-label')).toContainText('LeNet-5 · digits ·');
  await expect(dialog.getByTestId('export-run-id')).toHaveText(`run ${runId}`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // Run history offers Export… on a finished run, whatever graph is open.
  await page.getByTestId('toolbar-runs').click();
  await page.getByTestId('dash-tab-history').click();
  const row = page.locator(`[data-testid=run-row][data-run-id="${runId}"]`);
  await expect(row).toHaveAttribute('data-status', 'done');
  await row.getByTestId('export-open').click();
  await expect(page.getByTestId('export-dialog').getByTestId('export-run-id')).toHaveText(`run ${runId}`);
  await page.getByTestId('export-format').selectOption('bundle');
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export-report')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('export-file')).toContainText([
    'model.onnx',
    'preprocessing.json',
    'predict.mjs',
  ]);
  const lines = page.getByTestId('export-verification');
  await expect(lines).toHaveCount(2);
  for (const line of await lines.all()) await expect(line).toHaveAttribute('data-status', 'passed');
});
