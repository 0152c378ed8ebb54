import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createRng } from '../core/random';
import { expect, trainingHostTest, type TrainingHost } from './fixtures';

/**
 * The training process is SIGKILLed (as the OOM killer would)
 * mid-epoch at a seeded batch, after at least one epoch checkpoint. The UI
 * must say why, the editor must keep working on an intact graph, and
 * "Resume from checkpoint" must finish the run from the checkpointed epoch.
 */

const test = trainingHostTest('crash');
test.use({ viewport: { width: 1600, height: 1000 } });

const EPOCHS = 3;
const KILL_SEED = 7;

/** 640 digits less 10% for validation, in batches of 8. */
const BATCHES = 72;

/** A batch between 30% and 60% of the epoch: mid-epoch, with room before the epoch could end. */
function killBatch(batches: number): number {
  return Math.max(2, Math.floor(batches * (0.3 + 0.3 * createRng(KILL_SEED).next())));
}

interface Counters {
  epoch: number;
  batch: number;
  batches: number;
}

async function counters(page: Page): Promise<Counters> {
  const el = page.getByTestId('dash-epoch');
  const read = async (name: string) => Number(await el.getAttribute(`data-${name}`));
  return { epoch: await read('epoch'), batch: await read('batch'), batches: await read('batches') };
}

/** SIGKILLs the newest training process, as the OOM killer would. */
function killNewest(trainingHost: TrainingHost): void {
  const pid = trainingHost.workers.at(-1)?.pid;
  if (!pid) throw new Error('the training process has no pid');
  process.kill(pid, 'SIGKILL');
}

/** The graph as the canvas shows it: sorted node ids and the edge count. */
async function graphOnCanvas(page: Page): Promise<{ nodes: string[]; edges: number }> {
  const ids = await page
    .locator('.react-flow__node')
    .evaluateAll((els) => els.map((e) => e.dataset.id ?? ''));
  return { nodes: ids.sort(), edges: await page.locator('.react-flow__edge').count() };
}

async function openLiveDashboard(page: Page): Promise<void> {
  await page.getByTestId('toolbar-runs').click();
  await page.getByTestId('dash-tab-live').click();
  await expect(page.getByTestId('dash-live')).toBeVisible();
}

/** Records every (epoch, batch) the dashboard shows from now on, in the page, so none is missed between polls. */
async function recordCounters(page: Page): Promise<void> {
  await page.getByTestId('dash-epoch').evaluate((el) => {
    const trail: [number, number][] = [];
    (window as unknown as { counterTrail: [number, number][] }).counterTrail = trail;
    new MutationObserver(() => {
      trail.push([Number(el.getAttribute('data-epoch')), Number(el.getAttribute('data-batch'))]);
    }).observe(el, { attributes: true, attributeFilter: ['data-epoch', 'data-batch'] });
  });
}

async function recordedCounters(page: Page): Promise<[number, number][]> {
  return page.evaluate(() => (window as unknown as { counterTrail: [number, number][] }).counterTrail);
}

test('a training process SIGKILLed mid-epoch: the UI says so, the editor works, and the run resumes from its checkpoint', async ({
  page,
  trainingHost,
  workspace,
}) => {
  test.setTimeout(360_000);
  await page.getByTestId('toolbar-templates').click();
  await page.getByTestId('template-card-lenet5').click();
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const graphBefore = await graphOnCanvas(page);
  expect(graphBefore.nodes.length).toBeGreaterThan(3);

  // 576 training images in batches of 8: 72 batches an epoch; a checkpoint after each epoch. The run is held
  // (main/engine/train/testHold) at the seeded batch of epoch 2 and killed there: on a machine of any speed,
  // the kill lands mid-epoch with epoch 1's checkpoint behind it.
  const target = killBatch(BATCHES);
  trainingHost.holds.holdNextRun([{ epoch: 2, batch: target }]);
  await page.getByTestId('tab-training').click();
  await page.getByTestId('train-dataset').selectOption('digits');
  await page.getByTestId('train-epochs').fill(String(EPOCHS));
  await page.getByTestId('train-limit').fill('640');
  await page.getByTestId('train-batch-size').fill('8');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-phase', 'training', {
    timeout: 120_000,
  });

  await openLiveDashboard(page);
  const live = page.getByTestId('dash-live');
  const runId = await live.getAttribute('data-run-id');
  expect(runId).toMatch(/^\d{8}-\d{6}-[0-9a-f]+$/);
  // This file's host is fresh: the one process is this run's.
  expect(trainingHost.workers).toHaveLength(1);
  const killed = { ...(await trainingHost.holds.nextHold()), batches: BATCHES };
  expect(killed).toEqual({ epoch: 2, batch: target, batches: BATCHES });
  // The held batch is always reported: the dashboard shows exactly where the process stands.
  await expect.poll(() => counters(page), { timeout: 60_000 }).toEqual(killed);
  killNewest(trainingHost);

  // The dashboard's counters stay where the process was killed.
  await expect(live).toHaveAttribute('data-phase', 'failed', { timeout: 30_000 });
  const killedAt = await counters(page);
  expect(killedAt).toEqual(killed);

  // The reason is shown in the toast, the dashboard and the training panel.
  const toast = page.getByTestId('toast').filter({ hasText: `Run ${runId} failed [crash]` });
  await expect(toast).toContainText(/training process was killed \(SIGKILL\)/);
  await expect(page.locator('.dash-failure')).toContainText('SIGKILL');

  // The kill landed mid-epoch: the newest checkpoint is the epoch before the one that was running.
  const runDir = join(workspace, 'runs', runId ?? '');
  const latest = JSON.parse(await readFile(join(runDir, 'checkpoints', 'latest.json'), 'utf8')) as {
    epoch: number;
  };
  expect(latest.epoch).toBe(killedAt.epoch - 1);

  await page.getByTestId('dash-close').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-phase', 'failed');
  await expect(page.getByTestId('train-error')).toHaveAttribute('data-code', 'crash');
  await expect(page.getByTestId('train-error')).toContainText('SIGKILL');

  // The editor still works on the same graph: add a node, see it, undo back to the trained graph.
  expect(await graphOnCanvas(page)).toEqual(graphBefore);
  await page.getByTestId('canvas').hover();
  await page.keyboard.press('/');
  await page.getByTestId('quick-add-input').fill('dropout');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(graphBefore.nodes.length + 1);
  const added = (await graphOnCanvas(page)).nodes.filter((id) => !graphBefore.nodes.includes(id));
  expect(added).toHaveLength(1);
  await expect(page.getByTestId(`node-${added[0]}`)).toHaveAttribute('data-node-type', 'dropout');
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(graphBefore.nodes.length);
  expect(await graphOnCanvas(page)).toEqual(graphBefore);

  // Resume from the checkpoint: the counters pick up at the killed epoch, never back at epoch 1. The resumed
  // run holds after its first batch, so that batch is reported however fast the machine (events are thinned).
  await openLiveDashboard(page);
  await recordCounters(page);
  trainingHost.holds.holdNextRun([{ epoch: 2, batch: 1 }]);
  await page.getByTestId('dash-resume-checkpoint').click();
  expect(await trainingHost.holds.nextHold()).toEqual({ epoch: 2, batch: 1 });
  await expect.poll(() => recordedCounters(page)).toContainEqual([2, 1]);
  trainingHost.holds.release();
  await expect(live).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
  const trail = await recordedCounters(page);
  test.info().annotations.push({
    type: 'kill',
    description: `SIGKILL at epoch ${killedAt.epoch}, batch ${killedAt.batch}/${killedAt.batches} (seeded target ${target}); resumed at epoch ${trail[0]?.join(', batch ')}`,
  });
  expect(trail.length).toBeGreaterThan(0);
  const [firstEpoch, firstBatch] = trail[0] ?? [0, 0];
  expect(firstEpoch).toBe(latest.epoch + 1);
  expect(firstBatch).toBeLessThan(killedAt.batch);
  expect(Math.min(...trail.map(([epoch]) => epoch))).toBe(latest.epoch + 1);
  const end = await counters(page);
  expect(end).toEqual({ epoch: EPOCHS, batch: end.batches, batches: killedAt.batches });
  expect(trainingHost.workers).toHaveLength(2);

  await page.getByTestId('dash-close').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-phase', 'done');
  await expect(page.getByTestId('train-error')).toHaveCount(0);
  expect(await graphOnCanvas(page)).toEqual(graphBefore);
});
