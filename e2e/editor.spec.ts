import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Room for a seven-layer chain on the canvas beside the palette, inspector and bottom panel. */
test.use({ viewport: { width: 1600, height: 1000 } });

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('app-ready')).toBeVisible({ timeout: 30_000 });
}

function node(page: Page, id: string): Locator {
  return page.getByTestId(`node-${id}`);
}

async function startEmpty(page: Page): Promise<void> {
  await ready(page);
  await page.getByTestId('toolbar-new').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
}

/** Drags a palette entry onto the canvas at a point relative to the canvas' top-left corner. */
async function dropFromPalette(page: Page, type: string, x: number, y: number): Promise<void> {
  await page
    .getByTestId(`palette-item-${type}`)
    .dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

/** Drags a wire from one node's output handle to another's input handle. */
async function wire(page: Page, from: string, to: string): Promise<void> {
  const source = node(page, from).locator('.react-flow__handle.source');
  const target = node(page, to).locator('.react-flow__handle.target');
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b) throw new Error(`handles of ${from} → ${to} are not on screen`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function quickAdd(page: Page, query: string): Promise<void> {
  await page.getByTestId('canvas').hover();
  await page.keyboard.press('/');
  await page.getByTestId('quick-add-input').fill(query);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
}

async function layerCount(page: Page): Promise<number> {
  await page.getByTestId('tab-summary').click();
  return page.getByTestId('summary-table').locator('tbody tr').count();
}

test('build a CNN from the palette; every shape follows (N − F + 2P)/S + 1', async ({ page }) => {
  await startEmpty(page);
  const chain: [string, number, number][] = [
    ['input', 110, 120],
    ['conv2d', 380, 120],
    ['activation', 650, 120],
    ['maxPool2d', 920, 120],
    ['flatten', 110, 380],
    ['dense', 380, 380],
    ['output', 650, 380],
  ];
  for (const [type, x, y] of chain) {
    await dropFromPalette(page, type, x, y);
    await expect(node(page, type)).toBeVisible();
    await expect(node(page, type)).toHaveAttribute('data-node-type', type);
  }
  for (let i = 1; i < chain.length; i++) {
    await wire(page, chain[i - 1]?.[0] ?? '', chain[i]?.[0] ?? '');
  }
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);

  // A 3×3 valid convolution on 28×28×1: (28 − 3 + 0)/1 + 1 = 26.
  await node(page, 'conv2d').click();
  await page.getByTestId('inspector-field-padding').fill('valid');
  await expect(node(page, 'input').getByTestId('node-shape')).toHaveText('28×28×1');
  await expect(node(page, 'conv2d').getByTestId('node-shape')).toHaveText('26×26×16');
  await expect(node(page, 'activation').getByTestId('node-shape')).toHaveText('26×26×16');
  // 2×2 pool at stride 2: (26 − 2)/2 + 1 = 13.
  await expect(node(page, 'maxPool2d').getByTestId('node-shape')).toHaveText('13×13×16');
  await expect(node(page, 'flatten').getByTestId('node-shape')).toHaveText(/2,?704/);
  await expect(node(page, 'dense').getByTestId('node-shape')).toHaveText('64');
  await expect(node(page, 'output').getByTestId('node-shape')).toHaveText('10');
  // 3·3·1·16 + 16 = 160 weights in the convolution.
  await expect(node(page, 'conv2d').getByTestId('node-params')).toHaveText('160');
  for (const [type] of chain) await expect(node(page, type)).toHaveAttribute('data-status', 'ok');

  // An invalid edit shows its message and leaves the document alone.
  await page.getByTestId('inspector-field-filters').fill('0');
  await expect(page.getByTestId('inspector-error-filters')).toBeVisible();
  await expect(node(page, 'conv2d').getByTestId('node-shape')).toHaveText('26×26×16');
  await page.getByTestId('inspector-field-filters').fill('32');
  await expect(node(page, 'conv2d').getByTestId('node-shape')).toHaveText('26×26×32');
});

test('ResNet-56 from the gallery has 0.85M parameters', async ({ page }) => {
  await ready(page);
  await page.getByTestId('toolbar-templates').click();
  await expect(page.getByTestId('template-card-resnet56')).toContainText('params');
  await page.getByTestId('template-card-resnet56').click();
  await expect(page.getByTestId('document-title')).toContainText(/resnet.?56/i);
  await page.getByTestId('tab-summary').click();
  // He et al.'s 0.85M counts learned weights; batch norm's moving statistics are
  // the non-trainable remainder, which Keras' total includes.
  await expect(page.getByTestId('summary-trainable-params')).toContainText('0.85M');
  await expect(page.getByTestId('summary-total-params')).toContainText(/\d{3},\d{3} \(0\.8\dM\)/);
  await expect(page.getByTestId('document-title')).toHaveAttribute('data-dirty', 'false');
});

test('an add with mismatched inputs is an error until its one-click fix', async ({ page }) => {
  await startEmpty(page);
  await quickAdd(page, 'input');
  await quickAdd(page, 'conv');
  await quickAdd(page, 'add');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  // The skip wire: 28×28×1 meets the conv's 28×28×16.
  await wire(page, 'input', 'add');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await expect(node(page, 'add')).toHaveAttribute('data-status', 'error');
  await expect(node(page, 'add')).toHaveAttribute('title', /.+/);
  await page.getByTestId('tab-problems').click();
  const fix = page.getByTestId('problems-list').getByTestId('fix-button').first();
  await expect(fix).toContainText('Apply:');
  await fix.click();
  // The fix makes room along the flow, which may move the add past the viewport's edge.
  await page.getByTestId('toolbar-fit').click();
  await expect(node(page, 'add')).not.toHaveAttribute('data-status', 'error');
  await expect(node(page, 'add').getByTestId('node-shape')).toHaveText('28×28×16');
});

test('save through the host, change the graph, reopen the same graph', async ({ page, workspace }) => {
  await ready(page);
  const before = await layerCount(page);
  expect(before).toBeGreaterThan(2);
  await page.getByTestId('toolbar-save-as').click();
  await expect(page.getByTestId('file-dialog')).toBeVisible();
  await page.getByTestId('file-dialog-name').fill('e2e-net');
  await page.getByTestId('file-dialog-confirm').click();
  await expect(page.getByTestId('file-dialog')).toHaveCount(0);
  await expect(page.getByTestId('document-title')).toHaveAttribute('data-dirty', 'false');
  const saved = join(workspace, 'e2e-net.deepwire.json');
  expect(existsSync(saved)).toBe(true);
  const onDisk = JSON.parse(readFileSync(saved, 'utf8')) as { nodes: unknown[] };
  expect(onDisk.nodes).toHaveLength(before);

  // Change it: delete the first layer.
  await page.locator('.react-flow__node').first().click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('document-title')).toHaveAttribute('data-dirty', 'true');
  expect(await layerCount(page)).toBe(before - 1);

  await page.getByTestId('toolbar-open').click();
  await page.getByTestId('confirm-accept').click();
  await expect(page.getByTestId('file-dialog')).toBeVisible();
  await page.getByTestId('file-entry-e2e-net.deepwire.json').click();
  await page.getByTestId('file-dialog-confirm').click();
  await expect(page.getByTestId('file-dialog')).toHaveCount(0);
  await expect(page.getByTestId('document-title')).toHaveAttribute('data-dirty', 'false');
  await expect(page.getByTestId('document-title')).toContainText('e2e-net');
  await expect(page.getByTestId('summary-table').locator('tbody tr')).toHaveCount(before);
});

test('undo and redo, from the toolbar and the keyboard', async ({ page }) => {
  await ready(page);
  const before = await layerCount(page);
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await quickAdd(page, 'dropout');
  const rows = page.getByTestId('summary-table').locator('tbody tr');
  await expect(rows).toHaveCount(before + 1);
  await page.getByTestId('toolbar-undo').click();
  await expect(rows).toHaveCount(before);
  await page.getByTestId('toolbar-redo').click();
  await expect(rows).toHaveCount(before + 1);
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(rows).toHaveCount(before);
  await page.keyboard.press('Control+Shift+z');
  await expect(rows).toHaveCount(before + 1);
});

test('screenshot of the editor with a template loaded (README)', async ({ page }) => {
  await ready(page);
  await page.getByTestId('toolbar-templates').click();
  await page.getByTestId('template-card-lenet5').click();
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('summary-total-params')).toBeVisible();
  await page.locator('.react-flow__node').nth(2).click();
  await expect(page.getByTestId('inspector-output-shape')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshot.png' });
});
