import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createTrainingService } from '../../engine/train/service';
import { logStrayErrors } from '../../engine/process/strayErrors';
import { nodeWorkerSpawner } from '../../engine/train/spawn';
import { defaultDataDir, defaultWorkspace, startWebHost } from '../../host/webHost';
import { datasetPolicyFor, resolveDatasetSpec } from '../../services/datasetPaths';
import { createWorkspaceFiles } from '../../services/workspaceFiles';

const USAGE = 'Usage: deepwire serve [--port N] [--workspace dir] [--open]\n';

export interface ServeArgs {
  port: number;
  workspace?: string;
  open: boolean;
}

/** Parses `serve` flags; returns an error message for anything it does not understand. */
export function parseServeArgs(args: string[]): ServeArgs | string {
  const parsed: ServeArgs = { port: 0, open: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] =
      arg?.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (flag === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65_535) return 'deepwire serve: --port needs 0–65535';
      parsed.port = port;
    } else if (flag === '--workspace') {
      const dir = value();
      if (!dir) return 'deepwire serve: --workspace needs a folder';
      parsed.workspace = resolve(dir);
    } else if (flag === '--open') {
      parsed.open = true;
    } else {
      return `deepwire serve: unknown option '${arg}'`;
    }
  }
  return parsed;
}

function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(command, [url], { stdio: 'ignore', detached: true })
    .on('error', () =>
      process.stderr.write(`deepwire serve: could not open a browser; visit the URL above\n`),
    )
    .unref();
}

/** `deepwire serve`: runs the web host until interrupted. */
export async function run(args: string[]): Promise<number> {
  const parsed = parseServeArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n${USAGE}`);
    return 2;
  }
  // One bad call must not take the host, every open editor and the training children down with it.
  const unguard = logStrayErrors((line) => process.stderr.write(`${line}\n`));
  const workspace = parsed.workspace ?? defaultWorkspace();
  // The browser's file ids: import opens models it picked in the workspace, exports name their folder.
  const files = await createWorkspaceFiles(workspace);
  const datasets = datasetPolicyFor({ workspace: files.root });
  // Training runs in child processes; their run folders live in the workspace so the browser can open them.
  const training = createTrainingService({
    runsDir: join(workspace, 'runs'),
    spawnWorker: nodeWorkerSpawner,
    cacheDir: join(defaultDataDir(), 'cache'),
    files,
    // Run folders are in the workspace, so a dataset a run names is confined like a request's.
    confineDataset: (spec) => resolveDatasetSpec(spec, datasets),
  });
  const host = await startWebHost({ port: parsed.port, workspace, training });
  // One line, parsed by the start script and the e2e harness.
  process.stdout.write(`Deepwire web host: ${host.url}\n`);
  process.stdout.write(`Workspace: ${host.workspace} (Ctrl+C to stop)\n`);
  if (parsed.open) openBrowser(host.url);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void host
        .close()
        .then(() => training.dispose())
        .then(unguard)
        .then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
