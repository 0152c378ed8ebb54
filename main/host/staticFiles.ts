import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { isInsideFolder } from '../engine/io/insideFolder';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticTarget = { kind: 'file'; path: string } | { kind: 'refused' } | { kind: 'malformed' };

/**
 * Maps a request path to a file under `root`, refusing anything that decodes
 * to a path outside it (`..`, encoded `%2e%2e%2f`, backslashes, NUL).
 * Extensionless routes that do not exist fall back to index.html.
 */
export async function resolveStatic(root: string, rawUrl: string): Promise<StaticTarget | null> {
  const rawPath = rawUrl.split('?')[0]?.split('#')[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'malformed' };
  }
  if (decoded.includes('\0')) return { kind: 'malformed' };
  const segments = decoded.split(/[/\\]+/);
  if (segments.includes('..')) return { kind: 'refused' };
  const candidate = resolve(root, `.${sep}${segments.filter(Boolean).join(sep)}`);
  if (!isInsideFolder(root, candidate)) return { kind: 'refused' };
  const isRoot = candidate === root;
  const path = isRoot ? resolve(root, 'index.html') : candidate;
  try {
    const real = await realpath(path);
    if (!isInsideFolder(await realpath(root), real)) return { kind: 'refused' };
    if ((await stat(real)).isFile()) return { kind: 'file', path: real };
  } catch {
    // not there: maybe a client-side route
  }
  if (extname(path) === '') return { kind: 'file', path: resolve(root, 'index.html') };
  return null;
}

/** Serves GET/HEAD for the built renderer with the given security headers. */
export async function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  const send = (status: number, text: string): void => {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(text);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return send(405, 'Method not allowed\n');
  }
  const target = await resolveStatic(root, request.url ?? '/');
  if (target === null) return send(404, 'Not found\n');
  if (target.kind === 'malformed') return send(400, 'Bad request\n');
  if (target.kind === 'refused') return send(403, 'Forbidden\n');
  const info = await stat(target.path).catch(() => null);
  if (!info) return send(404, 'Not found\n');
  const isHtml = extname(target.path) === '.html';
  response.writeHead(200, {
    ...headers,
    'Content-Type': CONTENT_TYPES[extname(target.path)] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    'Cache-Control': isHtml ? 'no-store' : 'no-cache',
  });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(target.path).pipe(response);
}
