import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CURRENT_VERSION } from '../core/graph/schema';
import { expect, test } from './fixtures';
import { edit } from './pageActions';

const NEWER = CURRENT_VERSION + 1;

/** What a newer Deepwire might write: today's structure plus a field this one has never heard of. */
const NEWER_TEXT = `${JSON.stringify(
  {
    format: 'deepwire',
    version: NEWER,
    name: 'From the future',
    quantization: { bits: 4 },
    nodes: [
      { id: 'in', type: 'input', params: { height: 8, width: 8, channels: 1 }, position: { x: 0, y: 0 } },
      { id: 'f', type: 'flatten', params: {}, position: { x: 200, y: 0 } },
      { id: 'out', type: 'output', params: { classes: 3 }, position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'f' },
      { id: 'e2', source: 'f', target: 'out' },
    ],
  },
  null,
  2,
)}\n`;

/** A pre-release (v0) file, spaced as it was written then, so the .bak can be checked byte for byte. */
const V0_TEXT =
  '{ "format": "deepwire", "version": 0, "title": "Old net",\n' +
  '  "layers": [ { "name": "in", "kind": "input", "config": { "shape": [8, 8, 1] }, "x": 0, "y": 0 },\n' +
  '              { "name": "f", "kind": "flatten", "config": {}, "x": 200, "y": 0 },\n' +
  '              { "name": "out", "kind": "output", "config": { "classes": 3 }, "x": 400, "y": 0 } ],\n' +
  '  "links": [ { "from": "in", "to": "f" }, { "from": "f", "to": "out" } ] }\n';

/** Opens a workspace file through the web host's Open dialog, as a user would. */
async function openThroughDialog(page: Page, name: string): Promise<void> {
  await page.getByTestId('toolbar-open').click();
  await page.getByTestId(`file-entry-${name}`).click();
  await page.getByTestId('file-dialog-confirm').click();
  await expect(page.getByTestId('file-dialog')).toHaveCount(0);
}

test('a newer-version file opens read-only: notice shown, Save refused, the file untouched; Save As writes a copy', async ({
  page,
  workspace,
}) => {
  await writeFile(join(workspace, 'future.deepwire.json'), NEWER_TEXT);
  await openThroughDialog(page, 'future.deepwire.json');

  const notice = page.getByTestId('readonly-notice');
  await expect(notice).toContainText(`version ${NEWER}`);
  await expect(notice).toContainText(`up to version ${CURRENT_VERSION}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(3);

  await edit(page);
  await expect(page.getByTestId('document-title')).toHaveAttribute('data-dirty', 'true');
  await page.getByTestId('toolbar-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Save is disabled' })).toBeVisible();
  await expect(page.getByTestId('document-title')).toHaveAttribute('data-dirty', 'true');
  expect(await readFile(join(workspace, 'future.deepwire.json'), 'utf8')).toBe(NEWER_TEXT);

  await page.getByTestId('readonly-save-copy').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('Save a copy');
  await page.getByTestId('confirm-accept').click();
  await expect(page.getByTestId('file-dialog-name')).toHaveValue('future copy.deepwire.json');
  await page.getByTestId('file-dialog-confirm').click();
  await expect(page.getByTestId('document-title')).toHaveAttribute('data-dirty', 'false');
  await expect(notice).toHaveCount(0);
  const copy = JSON.parse(await readFile(join(workspace, 'future copy.deepwire.json'), 'utf8')) as {
    version: number;
    nodes: unknown[];
  };
  expect(copy.version).toBe(CURRENT_VERSION);
  expect(copy.nodes).toHaveLength(4);
  expect(await readFile(join(workspace, 'future.deepwire.json'), 'utf8')).toBe(NEWER_TEXT);
});

test('an older-version file opens migrated with a notice naming its .bak, which holds the original bytes', async ({
  page,
  workspace,
}) => {
  await writeFile(join(workspace, 'old.deepwire.json'), V0_TEXT);
  await openThroughDialog(page, 'old.deepwire.json');

  const notice = page.getByTestId('migrated-notice');
  await expect(notice).toContainText(`from document version 0 to ${CURRENT_VERSION}`);
  await expect(notice).toContainText('workspace/old.deepwire.json.v0.bak');
  expect(await readFile(join(workspace, 'old.deepwire.json.v0.bak'), 'utf8')).toBe(V0_TEXT);
  await expect(page.locator('.react-flow__node')).toHaveCount(3);

  await edit(page);
  await page.getByTestId('toolbar-save').click();
  await expect(page.getByTestId('document-title')).toHaveAttribute('data-dirty', 'false');
  const saved = JSON.parse(await readFile(join(workspace, 'old.deepwire.json'), 'utf8')) as {
    version: number;
  };
  expect(saved.version).toBe(CURRENT_VERSION);
  expect(await readFile(join(workspace, 'old.deepwire.json.v0.bak'), 'utf8')).toBe(V0_TEXT);
  const backups = (await readdir(workspace)).filter((name) => name.startsWith('old.deepwire.json.'));
  expect(backups).toEqual(['old.deepwire.json.v0.bak']);
});
