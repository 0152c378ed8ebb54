import { execFile } from 'node:child_process';

export type RunResult = { code: number; stdout: string; stderr: string };

/** Runs a program without a shell; never rejects (the exit code and output say what happened). */
export function runProgram(
  file: string,
  args: string[],
  opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: opts.cwd, timeout: opts.timeoutMs ?? 120_000, env: opts.env ?? process.env, maxBuffer: 8 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr || (error ? error.message : '')) });
      },
    );
  });
}

let cached: Promise<{ python: string } | { reason: string }> | undefined;

/**
 * The first Python that can `import torch`: $DEEPWIRE_PYTHON, then `python3`
 * on PATH, then /usr/bin/python3 (Debian's python3-torch installs there while
 * a pyenv `python3` may come first on PATH without it).
 */
export function findTorchPython(): Promise<{ python: string } | { reason: string }> {
  cached ??= (async () => {
    const candidates = [process.env.DEEPWIRE_PYTHON, 'python3', '/usr/bin/python3'].filter(
      (c): c is string => typeof c === 'string' && c.length > 0,
    );
    const tried: string[] = [];
    for (const python of candidates) {
      const result = await runProgram(python, ['-c', 'import torch; print(torch.__version__)'], {
        timeoutMs: 60_000,
      });
      if (result.code === 0) return { python };
      const last = result.stderr.trim().split('\n').pop() ?? 'failed';
      tried.push(`${python}: ${last}`);
    }
    return { reason: `no python3 with torch (${tried.join('; ')})` };
  })();
  return cached;
}

/** torchrun beside the Python that has torch (Debian: /usr/bin/torchrun), or `python -m torch.distributed.run`. */
export function torchrunCommand(python: string): { file: string; args: string[] } {
  return { file: python, args: ['-m', 'torch.distributed.run'] };
}
