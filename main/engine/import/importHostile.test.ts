import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import h5wasm from 'h5wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeModel, type OnnxModel } from '../export/onnx/onnx-proto';
import { IMPORT_LIMITS, importModel } from './index';
import { inputLayer, sequential, writeTfjsFolder } from './test-helpers';

/**
 * Names read from a model file are looked up without reaching
 * Object.prototype, and every file an import opens is really inside the
 * model's folder (links included).
 */

/** Keys a lookup on a plain object finds on Object.prototype when the file names them. */
const PROTOTYPE_KEYS = ['__proto__', 'valueOf', 'hasOwnProperty', 'constructor', 'toString'];

let scratch = '';
let emptyH5 = new Uint8Array();
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'deepwire-import-hostile-'));
  await h5wasm.ready;
  const path = join(scratch, 'empty.h5');
  new h5wasm.File(path, 'w').close();
  emptyH5 = new Uint8Array(await readFile(path));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

let files = 0;
async function write(name: string, content: string | Uint8Array): Promise<string> {
  const dir = join(scratch, `case${files++}`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, name), content);
  return join(dir, name);
}

/** The same Keras model config as each Keras-family importer reads it. */
const KERAS_FORMATS: [string, (config: object) => Promise<string>][] = [
  ['Keras JSON config', (config) => write('config.json', JSON.stringify(config))],
  [
    'TF.js model.json',
    async (config) => write('model.json', JSON.stringify({ modelTopology: config, weightsManifest: [] })),
  ],
  [
    '.keras archive',
    (config) =>
      write(
        'model.keras',
        zipSync({
          'config.json': strToU8(JSON.stringify(config)),
          'metadata.json': strToU8('{}'),
          'model.weights.h5': emptyH5,
        }),
      ),
  ],
];

describe.each(KERAS_FORMATS)('%s: names that are Object.prototype members', (_label, fileOf) => {
  it.each(PROTOTYPE_KEYS)('refuses the layer class %j by name', async (cls) => {
    const path = await fileOf(sequential([inputLayer, { class_name: cls, config: { name: 'x' } }]));
    await expect(importModel(path)).rejects.toThrow(`Layer 'x': its class '${cls}' has no Deepwire node`);
  });

  it.each(PROTOTYPE_KEYS)('refuses the activation %j by name', async (fn) => {
    const path = await fileOf(
      sequential([inputLayer, { class_name: 'Activation', config: { name: 'a', activation: fn } }]),
    );
    await expect(importModel(path)).rejects.toThrow(
      `Layer 'a': activation '"${fn}"' has no Deepwire equivalent`,
    );
  });
});

describe('sizes declared in an archive', () => {
  it('refuses a .keras config.json over the JSON cap from its declared size, before inflating it', async () => {
    const cap = IMPORT_LIMITS.maxJsonBytes;
    const config = new Uint8Array(cap + 1).fill(0x20);
    const path = await write(
      'big-config.keras',
      zipSync({ 'config.json': [config, { level: 0 }], 'model.weights.h5': emptyH5 }),
    );
    await expect(importModel(path)).rejects.toThrow(
      `The .keras file: 'config.json' would unpack to ${cap + 1} bytes, over the ${cap}-byte limit; refused`,
    );
  });
});

describe('ONNX: operator types that are Object.prototype members', () => {
  it.each(PROTOTYPE_KEYS)('refuses the op_type %j, naming the node', async (opType) => {
    const model: OnnxModel = {
      irVersion: 8,
      opsetImport: [{ version: 17 }],
      graph: {
        name: 'g',
        node: [{ name: 'odd', opType, input: ['x'], output: ['y'], attribute: [] }],
        initializer: [],
        input: [
          {
            name: 'x',
            type: { tensorType: { elemType: 1, shape: { dim: [1, 1, 4, 4].map((d) => ({ dimValue: d })) } } },
          },
        ],
        output: [{ name: 'y' }],
      },
    };
    const path = await write('model.onnx', encodeModel(model));
    await expect(importModel(path)).rejects.toThrow(
      `ONNX node 'odd' (${opType}): the operator has no Deepwire node`,
    );
  });
});

describe('names that are Object.prototype members, where they are allowed', () => {
  it('imports layers named __proto__, constructor, … as ordinary node ids', async () => {
    const [first = '', second = '', third = '', fourth = '', fifth = ''] = PROTOTYPE_KEYS;
    const path = await write(
      'config.json',
      JSON.stringify(
        sequential([
          { class_name: 'InputLayer', config: { name: fourth, batch_shape: [null, 4, 4, 1] } },
          { class_name: 'Flatten', config: { name: first } },
          { class_name: 'Dense', config: { name: second, units: 5, activation: 'relu' } },
          { class_name: 'Dropout', config: { name: fifth, rate: 0.1 } },
          { class_name: 'Dense', config: { name: third, units: 3, activation: 'softmax' } },
        ]),
      ),
    );
    const result = await importModel(path);
    const ids = result.document.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['constructor', 'valueOf', 'toString', 'hasOwnProperty']));
    expect(result.document.nodes.map((n) => n.type)).toEqual([
      'input',
      'flatten',
      'dense',
      'activation',
      'dropout',
      'output',
    ]);
  });
});

describe('files an import opens are really inside the model folder', () => {
  it('imports the intact folder, and a link to a file inside it', async () => {
    const dir = await writeTfjsFolder(scratch, 'intact');
    expect((await importModel(dir)).weights.specs.map((s) => s.name)).toEqual(['out/kernel', 'out/bias']);
    await writeFile(join(dir, 'real.bin'), await readFile(join(dir, 'weights.bin')));
    await rm(join(dir, 'weights.bin'));
    await symlink(join(dir, 'real.bin'), join(dir, 'weights.bin'));
    expect((await importModel(dir)).weights.data.byteLength).toBe(51 * 4);
  });

  it('refuses a weights file that is a link out of the folder, copying nothing', async () => {
    const dir = await writeTfjsFolder(scratch, 'weights-link');
    const outside = join(scratch, 'outside-secret.bin');
    await writeFile(outside, Buffer.alloc(51 * 4, 7));
    await rm(join(dir, 'weights.bin'));
    await symlink(outside, join(dir, 'weights.bin'));
    await expect(importModel(dir)).rejects.toThrow(
      'Weight file weights.bin is a link that points outside the model folder; refused',
    );
    await expect(importModel(join(dir, 'model.json'))).rejects.toThrow(/outside the model folder/);
  });

  it('refuses a folder whose model.json is a link out of it', async () => {
    const source = await writeTfjsFolder(scratch, 'elsewhere');
    const dir = join(scratch, 'json-link');
    await mkdir(dir);
    await symlink(join(source, 'model.json'), join(dir, 'model.json'));
    await writeFile(join(dir, 'weights.bin'), await readFile(join(source, 'weights.bin')));
    await expect(importModel(dir)).rejects.toThrow(
      'model.json is a link that points outside the model folder; refused',
    );
  });

  it('reads model.json and Keras configs that start with a UTF-8 byte-order mark', async () => {
    const dir = await writeTfjsFolder(scratch, 'bom');
    const text = await readFile(join(dir, 'model.json'), 'utf8');
    await writeFile(join(dir, 'model.json'), `\uFEFF${text}`);
    expect((await importModel(dir)).source).toBe('tfjs');
    const config = JSON.stringify((JSON.parse(text) as { modelTopology: object }).modelTopology);
    expect((await importModel(await write('config.json', `\uFEFF${config}`))).source).toBe('keras-json');
  });
});
