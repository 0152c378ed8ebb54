import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Hand-written model files for import tests: no training or export needed to make them. */

export type KerasLayer = { class_name: string; config: Record<string, unknown> };

export const inputLayer: KerasLayer = {
  class_name: 'InputLayer',
  config: { name: 'in', batch_shape: [null, 4, 4, 1] },
};

export const sequential = (layers: KerasLayer[]) => ({
  class_name: 'Sequential',
  config: { name: 'm', layers },
});

/** `<parent>/<name>/`: a TF.js folder for Input(4×4×1) → Flatten → Dense(3, softmax), 16×3 + 3 weights of 0.25. */
export async function writeTfjsFolder(parent: string, name: string): Promise<string> {
  const dir = join(parent, name);
  await mkdir(dir, { recursive: true });
  const topology = sequential([
    inputLayer,
    { class_name: 'Flatten', config: { name: 'flat' } },
    { class_name: 'Dense', config: { name: 'out', units: 3, activation: 'softmax' } },
  ]);
  const manifest = [
    {
      paths: ['weights.bin'],
      weights: [
        { name: 'out/kernel', shape: [16, 3], dtype: 'float32' },
        { name: 'out/bias', shape: [3], dtype: 'float32' },
      ],
    },
  ];
  await writeFile(
    join(dir, 'model.json'),
    JSON.stringify({ modelTopology: topology, weightsManifest: manifest }),
  );
  await writeFile(join(dir, 'weights.bin'), Buffer.from(new Float32Array(51).fill(0.25).buffer));
  return dir;
}
