import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DIST_TARGETS, distPlan } from './dist-plan.mjs';
import { PROJECT_ROOT } from './electron-binary.mjs';

type BuilderConfig = {
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string; maintainer: string; files: string[] };
  win: { target: string[]; icon: string; files: string[] };
  mac: { target: string[]; icon: string; files: string[] };
};

const config = JSON.parse(readFileSync(join(PROJECT_ROOT, 'electron-builder.json'), 'utf8')) as BuilderConfig;

describe('electron-builder configuration', () => {
  it('packages the build output, the SIMD kernels with their pool worker, and tfjs’ wasm binaries', () => {
    expect(config.files).toEqual(
      expect.arrayContaining([
        'package.json',
        'out/**',
        'main/engine/simd/*.wasm',
        'main/engine/simd/pool-worker.mjs',
        'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm',
      ]),
    );
    // The files those patterns name exist in the checkout (out/ appears with the build).
    for (const file of [
      'kernels-st.wasm',
      'kernels-mt.wasm',
      'kernels-st-relaxed.wasm',
      'kernels-mt-relaxed.wasm',
      'pool-worker.mjs',
    ]) {
      expect(existsSync(join(PROJECT_ROOT, 'main/engine/simd', file))).toBe(true);
    }
    expect(
      existsSync(
        join(PROJECT_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
      ),
    ).toBe(true);
  });

  it('keeps native bindings, wasm files and the worker script outside the asar, where they can be loaded', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        '**/node_modules/@tensorflow/tfjs-node*/**',
        '**/*.node',
        '**/*.wasm',
        'main/engine/simd/pool-worker.mjs',
      ]),
    );
  });

  it('unpacks Dawn (dawn.node, and on Windows its D3D compilers beside it) and ships each platform only its own', () => {
    expect(config.asarUnpack).toContain('**/node_modules/webgpu/dist/**');
    const dist = join(PROJECT_ROOT, 'node_modules/webgpu/dist');
    const platforms = {
      linux: ['linux-x64', 'linux-arm64'],
      win: ['win32-x64', 'win32-arm64'],
      mac: ['darwin-universal'],
    };
    for (const [platform, dirs] of Object.entries(platforms)) {
      const own = dirs[0]!.split('-')[0]!;
      const excluded = config[platform as keyof typeof platforms].files.join(' ');
      expect(excluded).not.toContain(own);
      for (const other of ['linux', 'win32', 'darwin'].filter((p) => p !== own))
        expect(excluded).toContain(other);
      for (const dir of dirs) expect(existsSync(join(dist, dir, 'dawn.node'))).toBe(true);
    }
    expect(existsSync(join(dist, 'win32-x64', 'dxcompiler.dll'))).toBe(true);
  });

  it('flips the security fuses: no run-as-node, NODE_OPTIONS or inspector; asar integrity and asar-only loading', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('targets AppImage and deb, NSIS and dmg, all with the 512×512 icon from resources/', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/); // deb refuses a package without one
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.directories.buildResources).toBe('resources');
    for (const icon of [config.linux.icon, config.win.icon, config.mac.icon])
      expect(icon).toBe('resources/icon.png');
    const png = PNG.sync.read(readFileSync(join(PROJECT_ROOT, 'resources/icon.png')));
    expect([png.width, png.height]).toEqual([512, 512]);
  });
});

describe('npm run dist', () => {
  const root = '/repo';
  const base = { root, platform: 'linux', builderCli: '/repo/node_modules/electron-builder/cli.js' };

  it('says in one line that it cannot build without the Electron binary', () => {
    const plan = distPlan({ ...base, electronBinary: null, exists: () => false });
    expect(plan.ok).toBe(false);
    const message = plan.ok ? '' : plan.message;
    expect(message).toMatch(/^dist: cannot build packages here: the Electron binary is not available/);
    expect(message).not.toContain('\n');
  });

  it('says so when electron-builder is missing', () => {
    const plan = distPlan({ ...base, builderCli: null, electronBinary: '/e', exists: () => true });
    expect(plan).toMatchObject({
      ok: false,
      message: expect.stringMatching(/electron-builder is not installed/),
    });
  });

  it('builds AppImage and deb on Linux from the local Electron, with this configuration', () => {
    const plan = distPlan({
      ...base,
      electronBinary: '/repo/node_modules/electron/dist/electron',
      exists: () => true,
    });
    expect(plan).toEqual({
      ok: true,
      args: [
        base.builderCli,
        '--linux',
        'AppImage',
        'deb',
        '--config',
        'electron-builder.json',
        '-c.electronDist=/repo/node_modules/electron/dist',
      ],
    });
    expect(DIST_TARGETS.win32).toEqual(['--win', 'nsis']);
    expect(DIST_TARGETS.darwin).toEqual(['--mac', 'dmg']);
  });
});
