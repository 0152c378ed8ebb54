import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventChannel, EventPayload } from '../../core/ipc/contract';
import { JSON_SIZE_LIMITS, parseJsonCapped } from '../../core/json/safeJson';
import { createBackupStore } from '../services/backups';
import { createCallHandlers } from '../services/handlers';
import { createRecentFiles } from '../services/recentFiles';
import type { TrainingService } from '../services/training';
import { createWorkspaceFiles } from '../services/workspaceFiles';
import { DEFAULT_RENDERER_DIR, ensureRendererBuilt, PROJECT_ROOT } from './rendererBuild';
import {
  createToken,
  isAllowedHost,
  isAllowedOrigin,
  originOf,
  securityHeaders,
  tokensEqual,
} from './security';
import type { SocketLimits, SocketObserver } from './socketFlow';
import { HARD_FRAME_LIMIT, serveSocket, type SocketSession } from './socketSession';
import { serveStatic } from './staticFiles';

export interface WebHostOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Only loopback is supported: the token is the only authentication. */
  host?: '127.0.0.1';
  /** The folder the browser may read and write (default DEEPWIRE_WORKSPACE or ~/Deepwire). */
  workspace?: string;
  /** Where the built renderer lives (default out/renderer, built on demand). */
  rendererDir?: string;
  /** Where the recent list and hot-exit backups are kept (default DEEPWIRE_DATA_DIR or ~/.deepwire). */
  dataDir?: string;
  training?: TrainingService;
  log?: (line: string) => void;
  /** Per-connection flow control (defaults in socketFlow.ts). */
  socketLimits?: Partial<SocketLimits>;
  /** Sees each connection's flow state after every change (tests). */
  observeSocket?: SocketObserver;
}

export interface WebHost {
  url: string;
  token: string;
  port: number;
  origin: string;
  workspace: string;
  /** Where the recent list and hot-exit backups live (`<dataDir>/backups/<key>.json`). */
  dataDir: string;
  /** Pushes an event to every connected browser. */
  broadcast<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

export function defaultWorkspace(): string {
  return process.env.DEEPWIRE_WORKSPACE || join(homedir(), 'Deepwire');
}

export function defaultDataDir(): string {
  return process.env.DEEPWIRE_DATA_DIR || join(homedir(), '.deepwire');
}

function packageVersion(): string {
  try {
    const text = readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8');
    const pkg = parseJsonCapped(text, 'package.json', { maxLength: JSON_SIZE_LIMITS.state });
    const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Serves the built editor and the IPC contract (over a WebSocket) to a
 * browser on 127.0.0.1. The socket needs the random token from the printed URL
 * and our own Origin, so other local users' pages and other sites cannot drive it.
 */
export async function startWebHost(options: WebHostOptions = {}): Promise<WebHost> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  await ensureRendererBuilt(rendererDir, log);
  const files = await createWorkspaceFiles(options.workspace ?? defaultWorkspace());
  const dataDir = options.dataDir ?? defaultDataDir();
  const handlers = createCallHandlers({
    host: 'web',
    version: packageVersion(),
    files,
    recent: createRecentFiles(dataDir),
    backups: createBackupStore(dataDir),
    workspace: files.root,
    ...(options.training ? { training: options.training } : {}),
  });

  const token = createToken();
  const hostName = options.host ?? '127.0.0.1';
  let port = options.port ?? 0;
  const sockets = new Map<WebSocket, SocketSession>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT });

  const server = createServer((request, response) => {
    if (!isAllowedHost(request.headers.host, port)) {
      response.writeHead(421, { 'Content-Type': 'text/plain' });
      return void response.end('Misdirected request\n');
    }
    serveStatic(rendererDir, request, response, securityHeaders(port)).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws' || !isAllowedHost(request.headers.host, port)) {
      return rejectUpgrade(socket, 404, 'Not Found');
    }
    if (!tokensEqual(token, url.searchParams.get('token'))) return rejectUpgrade(socket, 401, 'Unauthorized');
    if (!isAllowedOrigin(request.headers.origin, port)) {
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const session = serveSocket(ws, handlers, {
        ...(options.socketLimits ? { limits: options.socketLimits } : {}),
        ...(options.observeSocket ? { observe: options.observeSocket } : {}),
      });
      sockets.set(ws, session);
      ws.on('close', () => sockets.delete(ws));
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, hostName, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : port;

  const broadcast: WebHost['broadcast'] = (event, payload) => {
    let frame: string;
    try {
      frame = JSON.stringify({ event, payload });
    } catch {
      return log(`deepwire: a ${event} event could not be encoded; not sent`);
    }
    for (const session of sockets.values()) session.push(frame);
  };
  const stopTrainingEvents = options.training?.onEvent((payload) => broadcast('training.event', payload));

  return {
    url: `${originOf(hostName, port)}/?token=${token}`,
    token,
    port,
    origin: originOf(hostName, port),
    workspace: files.root,
    dataDir,
    broadcast,
    async close() {
      stopTrainingEvents?.();
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
