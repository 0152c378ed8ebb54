import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1600, height: 1000 } });

async function startEmpty(page: Page): Promise<void> {
  await expect(page.getByTestId('app-ready')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('toolbar-new').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
}

async function quickAdd(page: Page, query: string): Promise<void> {
  await page.getByTestId('canvas').hover();
  await page.keyboard.press('/');
  await page.getByTestId('quick-add-input').fill(query);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
}

function node(page: Page, id: string): Locator {
  return page.getByTestId(`node-${id}`);
}

function edge(page: Page, from: string, to: string): Locator {
  return page.locator(`.react-flow__edge[aria-label="Edge from ${from} to ${to}"]`);
}

async function edgeLabels(page: Page): Promise<string[]> {
  const labels = await page
    .locator('.react-flow__edge')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.sort();
}

/** Pairs of drawn nodes whose boxes overlap. */
async function overlappingNodes(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => {
    const boxes = els.map((e) => ({ id: e.getAttribute('data-id') ?? '', r: e.getBoundingClientRect() }));
    const hits: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const apart =
          a.r.right <= b.r.left || b.r.right <= a.r.left || a.r.bottom <= b.r.top || b.r.bottom <= a.r.top;
        if (!apart) hits.push(`${a.id}/${b.id}`);
      }),
    );
    return hits;
  });
}

/** input → dense → output, built with quick-add (each one added after the selected node). */
async function buildChain(page: Page): Promise<void> {
  await startEmpty(page);
  await quickAdd(page, 'input');
  await quickAdd(page, 'flatten');
  await quickAdd(page, 'dense');
  await quickAdd(page, 'output');
  await page.getByTestId('toolbar-fit').click();
  await expect(edge(page, 'dense', 'output')).toHaveCount(1);
}

test.fixme('a layer is spliced into the connection by quick-add or a drop, and never lands on another', async ({
  page,
}) => {
  await buildChain(page);

  // Quick-add on a node with exactly one output splices into that output.
  await node(page, 'flatten').click();
  await quickAdd(page, 'dropout');
  expect(await edgeLabels(page)).toEqual([
    'Edge from dense to output',
    'Edge from dropout to dense',
    'Edge from flatten to dropout',
    'Edge from input to flatten',
  ]);
  await page.getByTestId('toolbar-fit').click();
  expect(await overlappingNodes(page)).toEqual([]);

  // Quick-add with an edge selected splices into that edge.
  await edge(page, 'dense', 'output').click();
  await quickAdd(page, 'activation');
  await expect(edge(page, 'dense', 'activation')).toHaveCount(1);
  await expect(edge(page, 'activation', 'output')).toHaveCount(1);
  await expect(edge(page, 'dense', 'output')).toHaveCount(0);

  // A palette item dropped on an edge is spliced into it.
  await page.getByTestId('toolbar-fit').click();
  const wire = await edge(page, 'input', 'flatten').boundingBox();
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!wire || !canvas) throw new Error('the input → flatten edge is not on screen');
  await page.getByTestId('palette-item-batchNorm').dragTo(page.getByTestId('canvas'), {
    targetPosition: { x: wire.x + wire.width / 2 - canvas.x, y: wire.y + wire.height / 2 - canvas.y },
  });
  await expect(edge(page, 'input', 'batchNorm')).toHaveCount(1);
  await expect(edge(page, 'batchNorm', 'flatten')).toHaveCount(1);
  await page.getByTestId('toolbar-fit').click();
  expect(await overlappingNodes(page)).toEqual([]);
});

test.fixme('the Insert-Flatten fix splices without overlapping, and the minimap drops the error colour', async ({
  page,
}) => {
  await startEmpty(page);
  await quickAdd(page, 'input');
  await quickAdd(page, 'dense');
  await quickAdd(page, 'output');
  const red = page.locator('.react-flow__minimap-node[fill="#e05252"]');
  await expect(red).not.toHaveCount(0);
  await page.getByTestId('tab-problems').click();
  // The problem's icon is drawn, not a glyph the fonts may lack.
  await expect(page.getByTestId('problems-list').getByTestId('severity-icon-error').first()).toBeVisible();
  await page.getByTestId('problems-list').getByTestId('fix-button').first().click();
  await expect(edge(page, 'input', 'flatten')).toHaveCount(1);
  await expect(edge(page, 'flatten', 'dense')).toHaveCount(1);
  await expect(red).toHaveCount(0);
  await page.getByTestId('toolbar-fit').click();
  expect(await overlappingNodes(page)).toEqual([]);
});

test('the graph is renamed from the title bar (undo, Ctrl+Y) and Save As names an untitled graph', async ({
  page,
  workspace,
}) => {
  await startEmpty(page);
  await quickAdd(page, 'input');
  const title = page.getByTestId('document-title');
  await expect(title).toContainText('Untitled');
  await page.getByTestId('toolbar-save-as').click();
  await page.getByTestId('file-dialog-name').fill('lenet-hand');
  await page.getByTestId('file-dialog-confirm').click();
  await expect(page.getByTestId('file-dialog')).toHaveCount(0);
  await expect(title).toHaveText('lenet-hand');
  const saved = JSON.parse(readFileSync(join(workspace, 'lenet-hand.deepwire.json'), 'utf8')) as {
    name: string;
  };
  expect(saved.name).toBe('lenet-hand');

  await title.dblclick();
  await page.getByTestId('document-title-input').fill('LeNet by hand');
  await page.keyboard.press('Enter');
  await expect(title).toContainText('LeNet by hand');
  await expect(title).toHaveAttribute('data-dirty', 'true');
  await page.keyboard.press('Control+z');
  await expect(title).toHaveText('lenet-hand');
  await page.keyboard.press('Control+y');
  await expect(title).toContainText('LeNet by hand');
  await page.getByTestId('toolbar-save').click();
  await expect(title).toHaveAttribute('data-dirty', 'false');
  const renamed = JSON.parse(readFileSync(join(workspace, 'lenet-hand.deepwire.json'), 'utf8')) as {
    name: string;
  };
  expect(renamed.name).toBe('LeNet by hand');
});

/** True when the element at the centre of `target` is `target` or inside it: nothing covers it. */
async function reachable(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && el.contains(hit) && el.closest('[inert]') === null;
  });
}

test('dialogs are modal: focus stays inside, Escape closes, the editor underneath is blocked', async ({
  page,
}) => {
  await expect(page.getByTestId('app-ready')).toBeVisible({ timeout: 30_000 });
  const templates = page.getByTestId('toolbar-templates');
  expect(await reachable(templates)).toBe(true);

  await page.getByTestId('toolbar-runs').click();
  const runs = page.getByTestId('dashboard');
  await expect(runs).toBeVisible();
  expect(await reachable(templates)).toBe(false);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(
      () => document.activeElement?.closest('[data-testid="dashboard"]') !== null,
    );
    expect(inside).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(runs).toHaveCount(0);
  expect(await reachable(templates)).toBe(true);

  await templates.click();
  await expect(page.getByTestId('template-gallery')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);

  // Open starts with no file name: the suggested save name may name no file at all.
  await page.getByTestId('toolbar-open').click();
  await expect(page.getByTestId('file-dialog-name')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('file-dialog')).toHaveCount(0);

  // The unsaved-changes prompt offers Save; Escape is Cancel.
  await quickAdd(page, 'dropout');
  await page.getByTestId('toolbar-new').click();
  await expect(page.getByTestId('confirm-alternative')).toHaveText('Save');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
  await expect(node(page, 'dropout')).toHaveCount(1);
});

test('editing conventions: Escape, Shift+click, the ? sheet, the keyboard palette, distinct Save names', async ({
  page,
}) => {
  await buildChain(page);
  await node(page, 'input').click();
  await node(page, 'dense').click({ modifiers: ['Shift'] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);

  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toContainText('Ctrl+Y');
  await expect(sheet).toContainText('Escape');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);

  const item = page.getByTestId('palette-item-dropout');
  await item.focus();
  await page.keyboard.press('Enter');
  await expect(node(page, 'dropout')).toHaveCount(1);

  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save graph', exact: true })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Save graph as…', exact: true })).toHaveCount(1);
});
