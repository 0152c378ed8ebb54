import { weightGroups } from '../export/keras/config';
import { PREPROCESSING_KEY } from '../export/preprocessing';
import { checkedCount, ImportError, IMPORT_LIMITS } from './errors';
import { withH5 } from './h5';
import { readKerasModelConfig } from './kerasJson';
import { kerasLayersToNodes, type KerasLayerIn, type LayerWeights } from './kerasLayers';
import { parseJson, readCapped } from './read';
import { toDocument } from './document';
import type { ImportResult } from './spec';
import { readZipEntries } from './zip';

/** A Keras 3 `.keras` file: config.json for the graph, model.weights.h5 for the weights (saving_lib's layout). */
export async function importKeras(path: string): Promise<ImportResult> {
  const zip = await readCapped(path, IMPORT_LIMITS.maxModelBytes, 'The .keras file');
  const entries = readZipEntries(
    zip,
    ['config.json', 'metadata.json', 'model.weights.h5'],
    'The .keras file',
    new Map([
      ['config.json', IMPORT_LIMITS.maxJsonBytes],
      ['metadata.json', IMPORT_LIMITS.maxJsonBytes],
    ]),
  );
  const model = readKerasModelConfig(parseJson(entries.get('config.json'), 'config.json in the .keras file'));
  const h5 = entries.get('model.weights.h5');
  if (!h5) throw new ImportError('The .keras file has no model.weights.h5');
  const groups = weightGroups(
    model.layers.map((l) => ({ class_name: l.className.replace(/^Deepwire>/, ''), name: l.name })),
  );
  return withH5(h5, 'model.weights.h5', (list) => {
    let total = 0;
    const weightsOf = (layer: KerasLayerIn): LayerWeights => {
      const datasets = list(`${groups.get(layer.name) ?? ''}/vars`);
      for (const d of datasets) total += checkedCount(d.shape, d.path);
      if (total > IMPORT_LIMITS.maxParams)
        throw new ImportError(
          `The weights exceed the ${IMPORT_LIMITS.maxParams.toLocaleString('en')}-parameter limit`,
        );
      return datasets.map((d) => ({ shape: d.shape, values: d.read() }));
    };
    const { nodes, tensors } = kerasLayersToNodes(model.layers, weightsOf, model.output);
    const { document, weights } = toDocument(model.name, nodes, tensors);
    return { document, weights, source: 'keras' as const, notes: [], metadata: kerasMetadata(entries) };
  });
}

/** The preprocessing Deepwire keeps in metadata.json (Keras keeps any extra keys there). */
function kerasMetadata(entries: Map<string, Uint8Array>): unknown {
  const bytes = entries.get('metadata.json');
  if (!bytes) return undefined;
  const metadata = parseJson(bytes, 'metadata.json in the .keras file');
  return typeof metadata === 'object' && metadata !== null && PREPROCESSING_KEY in metadata
    ? (metadata as Record<string, unknown>)[PREPROCESSING_KEY]
    : undefined;
}

/** A bare Keras JSON config (model.to_json()): the graph only, with fresh weights. */
export async function importKerasJson(path: string): Promise<ImportResult> {
  const bytes = await readCapped(path, IMPORT_LIMITS.maxJsonBytes, 'The Keras JSON config');
  const model = readKerasModelConfig(parseJson(bytes, 'The Keras JSON config'));
  const { nodes } = kerasLayersToNodes(model.layers, () => null, model.output);
  const { document, weights } = toDocument(model.name, nodes, []);
  return {
    document,
    weights,
    source: 'keras-json',
    notes: ['The config has no weights: the graph starts from fresh initial weights.'],
  };
}
