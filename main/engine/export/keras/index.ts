import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { ExportIr } from '../ir';
import type { CheckBatch } from '../run';
import type { Verification } from '../types';
import { irToKeras, weightGroups, type KerasLayer } from './config';
import { DEEPWIRE_LAYERS_PY } from './pyLayers';
import { checkKerasFile } from './structure';

export const KERAS_FILE = 'model.keras';
/** The Keras version whose file layout this writes. */
export const KERAS_VERSION = '3.6.0';

async function loadH5(): Promise<typeof import('h5wasm').default> {
  const h5wasm = (await import('h5wasm/node')).default;
  await h5wasm.ready;
  return h5wasm;
}

/** The weights as saving_lib lays them out: `layers/<snake_class>[_n]/vars/<i>`, float32. */
async function weightsH5(
  ir: ExportIr,
  layers: KerasLayer[],
  weights: ReturnType<typeof irToKeras>['weights'],
): Promise<Uint8Array> {
  const h5wasm = await loadH5();
  const scratch = await mkdtemp(join(tmpdir(), 'deepwire-h5-'));
  const path = join(scratch, 'model.weights.h5');
  try {
    const groups = weightGroups(
      layers.map((l) => ({ class_name: String(l.class_name), name: String(l.name) })),
    );
    const file = new h5wasm.File(path, 'w');
    try {
      const root = file.create_group('layers');
      for (const w of weights) {
        const group = groups.get(w.layer)?.replace(/^layers\//, '') ?? w.layer;
        const vars = root.create_group(group).create_group('vars');
        w.vars.forEach((v, i) =>
          vars.create_dataset({ name: String(i), data: v.values, shape: v.shape, dtype: '<f' }),
        );
      }
    } finally {
      file.close();
    }
    void ir;
    return new Uint8Array(await readFile(path));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * model.keras (config.json + metadata.json + model.weights.h5, zipped) and
 * deepwire_layers.py; `extraMetadata` joins metadata.json (Keras keeps any keys there).
 */
export async function writeKeras(
  ir: ExportIr,
  dir: string,
  extraMetadata: Record<string, unknown> = {},
): Promise<string[]> {
  const { config, weights } = irToKeras(ir);
  const layers = (config as { config: { layers: KerasLayer[] } }).config.layers;
  const h5 = await weightsH5(ir, layers, weights);
  const metadata = {
    keras_version: KERAS_VERSION,
    date_saved: new Date().toISOString().slice(0, 19).replace('T', '@'),
    ...extraMetadata,
  };
  const zip = zipSync({
    'metadata.json': strToU8(JSON.stringify(metadata)),
    'config.json': strToU8(JSON.stringify(config)),
    'model.weights.h5': [h5, { level: 0 }],
  });
  await writeFile(join(dir, KERAS_FILE), zip);
  await writeFile(join(dir, 'deepwire_layers.py'), DEEPWIRE_LAYERS_PY);
  return [KERAS_FILE, 'deepwire_layers.py'];
}

export async function verifyKeras(dir: string, batch: CheckBatch): Promise<Verification[]> {
  const structure = await checkKerasFile(join(dir, KERAS_FILE));
  const checks: Verification[] = [
    structure.length === 0
      ? {
          check: 'Keras: config.json keys, weight paths and shapes in model.weights.h5',
          ran: true,
          maxAbsDiff: 0,
        }
      : {
          check: 'Keras: config.json keys, weight paths and shapes in model.weights.h5',
          ran: true,
          maxAbsDiff: Number.POSITIVE_INFINITY,
          reason: structure.join('; '),
        },
  ];
  const { verifyKerasNumerically } = await import('./reimport');
  checks.push(await verifyKerasNumerically(join(dir, KERAS_FILE), batch));
  return checks;
}
