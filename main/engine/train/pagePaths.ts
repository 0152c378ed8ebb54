import { basename, dirname, sep } from 'node:path';
import type { TrainingEvent } from '../../../core/training/events';
import { folderPrefix } from '../io/insideFolder';

/**
 * What the page may see of the host's folders: run folders as `runs/<id>`
 * (relative to the folder holding the runs folder, the workspace under the
 * web host) and the dataset cache as `cache/…`. Absolute paths in messages
 * (a library's ENOENT, a stored summary) are rewritten before they leave.
 */
export interface PagePaths {
  runsDir: string;
  cacheDir?: string;
}

/** `runs/<id>`: how the page names a run folder. */
export function pageRunDir(paths: PagePaths, runId: string): string {
  return `${basename(paths.runsDir)}/${runId}`;
}

function replaceRoot(text: string, root: string, label: string): string {
  if (!root || root === sep) return text;
  const withSep = folderPrefix(root);
  return text
    .split(withSep)
    .join(label ? `${label}/` : '')
    .split(root)
    .join(label || '.');
}

/** `text` with the workspace and cache folders written relative to themselves. */
export function withoutHostPaths(text: string, paths: PagePaths): string {
  let out = text;
  if (paths.cacheDir) out = replaceRoot(out, paths.cacheDir, 'cache');
  return replaceRoot(out, dirname(paths.runsDir), '');
}

/** A training event as the page receives it: only these fields carry free text or a folder. */
export function pageEvent(event: TrainingEvent, runId: string, paths: PagePaths): TrainingEvent {
  const clean = (text: string) => withoutHostPaths(text, paths);
  switch (event.type) {
    case 'status':
      return {
        ...event,
        ...(event.message !== undefined ? { message: clean(event.message) } : {}),
        ...(event.backendReport !== undefined ? { backendReport: clean(event.backendReport) } : {}),
      };
    case 'failed':
      return { ...event, reason: clean(event.reason) };
    case 'done':
      return { ...event, summary: { ...event.summary, runDir: pageRunDir(paths, runId) } };
    default:
      return event;
  }
}

/**
 * A reply to the page with every string in it passed through
 * {@link withoutHostPaths}: stored settings and provenance name the run's
 * dataset by its confined absolute path, and a request echoes it back.
 */
export function pageReply<T>(value: T, paths: PagePaths): T {
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return withoutHostPaths(item, paths);
    if (Array.isArray(item)) return item.map(walk);
    if (item !== null && typeof item === 'object') {
      return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, walk(inner)]));
    }
    return item;
  };
  return walk(value) as T;
}
