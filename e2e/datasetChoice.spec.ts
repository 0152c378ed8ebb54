import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

/**
 * Under the web host "Choose folder…" browses the workspace: the picked folder
 * becomes `folder:<relative>` and the selector names it, never by host path.
 */
test('choose a workspace folder as the training dataset', async ({ page, workspace }) => {
  await mkdir(join(workspace, 'datasets', 'petals', 'rose'), { recursive: true });
  await writeFile(join(workspace, 'datasets', 'petals', 'rose', 'a.txt'), 'not an image');

  await page.getByTestId('tab-training').click();
  await page.getByTestId('dataset-choose-folder').click();
  const dialog = page.getByTestId('dataset-dialog');
  await dialog.getByTestId('dataset-entry-datasets').click();
  await dialog.getByTestId('dataset-entry-petals').click();
  await expect(dialog).toContainText('workspace/datasets/petals');
  await dialog.getByTestId('dataset-dialog-confirm').click();
  await expect(dialog).toHaveCount(0);

  const select = page.getByTestId('train-dataset');
  await expect(select).toHaveValue('folder:datasets/petals');
  await expect(select.locator('option:checked')).toHaveText('petals (folder)');
  expect(await select.innerHTML()).not.toContain(workspace);
});
