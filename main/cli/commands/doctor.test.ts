import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from './doctor';

function capture(stream: NodeJS.WriteStream): { text: () => string } {
  let text = '';
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  return { text: () => text };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('deepwire doctor', () => {
  it('prints the backend report and a passing gradient check as JSON', async () => {
    const out = capture(process.stdout);
    const code = await run(['--backend', 'wasm', '--json']);
    const report = JSON.parse(out.text().trim()) as {
      ok: boolean;
      chosen: string;
      gradientCheck: { ok: boolean };
    };
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, chosen: 'wasm', gradientCheck: { ok: true } });
  });

  it('prints a readable report', async () => {
    const out = capture(process.stdout);
    expect(await run(['--backend', 'cpu'])).toBe(0);
    expect(out.text()).toContain('Training runs on cpu.');
    expect(out.text()).toContain('conv gradients on cpu vs cpu');
  });

  it('rejects an unknown backend with usage and exit code 2', async () => {
    const err = capture(process.stderr);
    expect(await run(['--backend', 'tpu'])).toBe(2);
    expect(err.text()).toContain("unknown backend 'tpu'");
  });
});
