import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { backupFiles, nodeIds, edit } from './pageActions';

/** A reload stands in for a crash: the page goes away with unsaved edits (the unload guard is accepted). */
async function crashAndReload(page: Page): Promise<void> {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
}

test('an unsaved graph is backed up, offered back after a crash, restored as it was; saving removes the backup', async ({
  page,
  webHost,
}) => {
  const before = await nodeIds(page);
  await edit(page);
  await expect.poll(() => nodeIds(page)).toHaveLength(before.length + 1);
  const edited = await nodeIds(page);
  // The delay (≤ 2 s) is checked with a fake clock in renderer/src/files/hotExit.test.ts; here only that it lands.
  await expect.poll(() => backupFiles(webHost.dataDir)).toHaveLength(1);

  await crashAndReload(page);
  const offer = page.getByTestId('backup-offer');
  await expect(offer).toContainText('Restore unsaved graph from');
  expect(await nodeIds(page)).toEqual(before);
  await page.getByTestId('backup-restore').click();
  await expect(offer).toHaveCount(0);
  await expect.poll(() => nodeIds(page)).toEqual(edited);
  // Restored means unsaved: the backup stays until the graph is saved or discarded.
  await expect(page.getByTestId('document-title')).toHaveAttribute('data-dirty', 'true');
  expect(await backupFiles(webHost.dataDir)).toHaveLength(1);

  await page.getByTestId('toolbar-save-as').click();
  await page.getByTestId('file-dialog-name').fill('recovered');
  await page.getByTestId('file-dialog-confirm').click();
  await expect(page.getByTestId('document-title')).toHaveAttribute('data-dirty', 'false');
  await expect.poll(() => backupFiles(webHost.dataDir)).toEqual([]);
});

test('discarding the offered backup deletes its file', async ({ page, webHost }) => {
  await edit(page);
  await expect.poll(() => backupFiles(webHost.dataDir)).toHaveLength(1);
  await crashAndReload(page);
  await page.getByTestId('backup-discard').click();
  await expect(page.getByTestId('backup-offer')).toHaveCount(0);
  await expect.poll(() => backupFiles(webHost.dataDir)).toEqual([]);
});
