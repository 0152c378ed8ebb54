import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/** Hot-exit backups currently in a data folder (`<dataDir>/backups/*.json`). */
export async function backupFiles(dataDir: string): Promise<string[]> {
  const names = await readdir(join(dataDir, 'backups')).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.json'));
}

/** The ids of the nodes drawn on the canvas, sorted. */
export async function nodeIds(page: Page): Promise<string[]> {
  const ids = await page
    .locator('.react-flow__node')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  return ids.sort();
}

/** Adds a dense layer through quick-add: an edit that makes the document dirty. */
export async function edit(page: Page): Promise<void> {
  await page.getByTestId('canvas').hover();
  await page.keyboard.press('/');
  await page.getByTestId('quick-add-input').fill('dense');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
}

/**
 * Starts recording the text of every toast the page shows from now on. Info
 * toasts fade after a few seconds, so a slow machine could reach a plain
 * visibility check after the toast has gone; the record keeps it.
 */
export async function recordToasts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { toastTrail: string[] }).toastTrail = seen;
    const collect = (): void => {
      for (const el of Array.from(document.querySelectorAll('[data-testid=toast]'))) {
        const text = el.textContent ?? '';
        if (!seen.includes(text)) seen.push(text);
      }
    };
    collect();
    new MutationObserver(collect).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
}

/** The toast texts recorded since recordToasts(). */
export async function recordedToasts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { toastTrail: string[] }).toastTrail);
}
