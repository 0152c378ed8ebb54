import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './serve';

describe('parseServeArgs', () => {
  it('defaults to a free port without opening a browser', () => {
    expect(parseServeArgs([])).toEqual({ port: 0, open: false });
  });

  it('reads --port, --workspace and --open in both flag forms', () => {
    expect(parseServeArgs(['--port', '8123', '--workspace', 'nets', '--open'])).toEqual({
      port: 8123,
      workspace: resolve('nets'),
      open: true,
    });
    expect(parseServeArgs(['--port=0', '--workspace=/tmp/w'])).toEqual({
      port: 0,
      workspace: '/tmp/w',
      open: false,
    });
  });

  it('explains bad input instead of guessing', () => {
    expect(parseServeArgs(['--port', 'http'])).toMatch(/--port needs/);
    expect(parseServeArgs(['--port', '70000'])).toMatch(/--port needs/);
    expect(parseServeArgs(['--workspace'])).toMatch(/--workspace needs/);
    expect(parseServeArgs(['--host', '0.0.0.0'])).toMatch(/unknown option '--host'/);
  });
});
