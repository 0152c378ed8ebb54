import { readFile } from 'node:fs/promises';
import { JSON_SIZE_LIMITS, parseJsonCapped } from '../../../../core/json/safeJson';
import { withH5 } from '../../import/h5';
import { readZipEntries } from '../../import/zip';
import { weightGroups } from './config';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The weight shapes Keras builds for a layer from its config and input shape. */
export function expectedWeightShapes(layer: Obj): number[][] {
  const c = isObj(layer.config) ? layer.config : {};
  const build = isObj(layer.build_config) ? layer.build_config.input_shape : undefined;
  const inShape = Array.isArray(build) ? (build as (number | null)[]) : [];
  const last = Number(inShape[inShape.length - 1] ?? 0);
  const bias = c.use_bias !== false;
  switch (layer.class_name) {
    case 'Conv2D': {
      const [kh, kw] = c.kernel_size as number[];
      const f = Number(c.filters);
      return bias ? [[Number(kh), Number(kw), last, f], [f]] : [[Number(kh), Number(kw), last, f]];
    }
    case 'Dense': {
      const u = Number(c.units);
      return bias ? [[last, u], [u]] : [[last, u]];
    }
    case 'BatchNormalization':
      return [[last], [last], [last], [last]];
    default:
      return [];
  }
}

/**
 * Checks a .keras file against Keras 3's format: the three entries, the
 * config's keys, and every weighted layer's `layers/<group>/vars/<i>`
 * dataset with the shape its config implies. Returns the problems found.
 */
export async function checkKerasFile(path: string): Promise<string[]> {
  const problems: string[] = [];
  const entries = readZipEntries(
    new Uint8Array(await readFile(path)),
    ['config.json', 'metadata.json', 'model.weights.h5'],
    path,
  );
  for (const name of ['config.json', 'metadata.json', 'model.weights.h5'])
    if (!entries.has(name)) problems.push(`missing ${name}`);
  const decode = (name: string): unknown =>
    parseJsonCapped(new TextDecoder().decode(entries.get(name) ?? new Uint8Array()), name, {
      maxLength: JSON_SIZE_LIMITS.model,
    });
  const metadata = decode('metadata.json');
  if (
    !isObj(metadata) ||
    typeof metadata.keras_version !== 'string' ||
    typeof metadata.date_saved !== 'string'
  )
    problems.push('metadata.json lacks keras_version/date_saved');
  const config = decode('config.json');
  if (
    !isObj(config) ||
    config.module !== 'keras' ||
    config.class_name !== 'Functional' ||
    !isObj(config.config)
  ) {
    problems.push('config.json is not a keras Functional config');
    return problems;
  }
  const inner = config.config;
  for (const key of ['name', 'layers', 'input_layers', 'output_layers'])
    if (!(key in inner)) problems.push(`config.json config lacks '${key}'`);
  const layers = (Array.isArray(inner.layers) ? inner.layers : []).filter(isObj);
  for (const l of layers)
    for (const key of ['module', 'class_name', 'config', 'registered_name', 'name', 'inbound_nodes'])
      if (!(key in l)) problems.push(`layer ${String(l.name)} lacks '${key}'`);
  const groups = weightGroups(
    layers.map((l) => ({ class_name: String(l.class_name), name: String(l.name) })),
  );
  const h5 = entries.get('model.weights.h5');
  if (!h5) return problems;
  await withH5(h5, 'model.weights.h5', (list) => {
    for (const l of layers) {
      const expected = expectedWeightShapes(l);
      const found = list(`${groups.get(String(l.name)) ?? ''}/vars`);
      if (found.length !== expected.length) {
        problems.push(`${String(l.name)}: ${found.length} datasets, expected ${expected.length}`);
        continue;
      }
      found.forEach((d, i) => {
        if (JSON.stringify(d.shape) !== JSON.stringify(expected[i]))
          problems.push(
            `${d.path}: shape ${JSON.stringify(d.shape)}, expected ${JSON.stringify(expected[i])}`,
          );
      });
    }
  });
  return problems;
}
