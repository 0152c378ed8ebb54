import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, trainingHostTest } from './fixtures';
import { recordedToasts, recordToasts } from './pageActions';

const TOLERANCE = 1e-4;

const test = trainingHostTest('export');

test.use({ viewport: { width: 1600, height: 1000 } });

/** Exports the open dialog's run as `format` and checks every verification line ran within tolerance. */
async function exportAndVerify(page: Page, format: 'tfjs' | 'onnx'): Promise<void> {
  await page.getByTestId('export-format').selectOption(format);
  await page.getByTestId('export-run').click();
  const report = page.getByTestId('export-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(report).toContainText(`exports/${format}`);
  await expect(page.getByTestId('export-run')).toBeEnabled();
  const lines = page.getByTestId('export-verification');
  await expect(lines.first()).toBeVisible();
  const count = await lines.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const line = lines.nth(i);
    await expect(line).toHaveAttribute('data-ran', 'true');
    await expect(line).toHaveAttribute('data-status', 'passed');
    const diff = Number(await line.getAttribute('data-max-abs-diff'));
    expect(Number.isFinite(diff)).toBe(true);
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
    await expect(line).toContainText('✓ max |Δ| =');
  }
}

test('train LeNet-5, export it as TF.js and ONNX with verified outputs, import the model.json back', async ({
  page,
  workspace,
}) => {
  test.setTimeout(240_000);
  await page.getByTestId('toolbar-templates').click();
  await page.getByTestId('template-card-lenet5').click();
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
  const nodes = page.locator('.react-flow__node');
  await expect(nodes.first()).toBeVisible();
  const trainedNodeCount = await nodes.count();

  await page.getByTestId('tab-training').click();
  await expect(page.getByTestId('train-dataset').locator('option[value=digits]')).toHaveCount(1);
  await page.getByTestId('train-dataset').selectOption('digits');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-limit').fill('256');
  await page.getByTestId('train-batch-size').fill('32');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });

  await page.getByTestId('export-open').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await exportAndVerify(page, 'tfjs');
  await exportAndVerify(page, 'onnx');
  await expect(page.getByTestId('export-file')).toContainText(['model.onnx', 'README.md']);
  await page.getByTestId('export-dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);

  const [runId] = await readdir(join(workspace, 'runs'));
  expect(runId).toBeDefined();
  await page.getByTestId('toolbar-import-model').click();
  await expect(page.getByTestId('import-model-dialog')).toBeVisible();
  for (const folder of ['runs', String(runId), 'exports', 'tfjs']) {
    await page.getByTestId(`import-entry-${folder}`).click();
  }
  // The picker shows model files only: the weights shard and README are not offered.
  await expect(page.getByTestId('import-entry-README.md')).toHaveCount(0);
  await page.getByTestId('import-entry-model.json').click();
  await recordToasts(page);
  await page.getByTestId('import-model-confirm').click();
  // The import runs in its own worker process, whose start-up a loaded machine slows.
  await expect(page.getByTestId('import-model-dialog')).toHaveCount(0, { timeout: 90_000 });

  await expect(page.getByTestId('document-title')).toContainText('model (imported)');
  // An info toast fades: check the record, not whether it is still on screen.
  await expect
    .poll(() => recordedToasts(page))
    .toContainEqual(expect.stringContaining('Imported model.json'));
  await expect(nodes).toHaveCount(trainedNodeCount);
});

test('a file that is not a model is refused with its name, and the open graph stays', async ({ page }) => {
  test.setTimeout(180_000);
  await page.getByTestId('toolbar-templates').click();
  await page.getByTestId('template-card-lenet5').click();
  const nodes = page.locator('.react-flow__node');
  await expect(nodes.first()).toBeVisible();
  const before = await nodes.count();

  // A graph document is JSON but not a model: saved into the workspace, then offered to the importer.
  await page.getByTestId('toolbar-save-as').click();
  await page.getByTestId('file-dialog-name').fill('graph.deepwire.json');
  await page.getByTestId('file-dialog-confirm').click();
  await expect(page.getByTestId('file-dialog')).toHaveCount(0);

  await page.getByTestId('toolbar-import-model').click();
  await page.getByTestId('import-entry-graph.deepwire.json').click();
  await page.getByTestId('import-model-confirm').click();
  const error = page.getByTestId('toast').filter({ hasText: 'Could not import the model' });
  await expect(error).toBeVisible({ timeout: 90_000 });
  await expect(error).toContainText('graph.deepwire.json');
  await expect(page.getByTestId('import-model-dialog')).toBeVisible();
  await expect(nodes).toHaveCount(before);
});
