import { ImportError, IMPORT_LIMITS } from './errors';
import type { KerasLayerIn } from './kerasLayers';

/**
 * Reads a Keras functional/sequential model config, in Keras 3's format
 * (inbound_nodes: [{args: [keras tensors], kwargs}]) or Keras 2's (as in
 * TF.js's model.json: [[[name, 0, 0, {}], …]]), into plain layer records.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export type KerasModelConfig = { name: string; layers: KerasLayerIn[]; output: string };

function historyNames(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    // Keras 2: [name, nodeIndex, tensorIndex, kwargs]
    if (typeof value[0] === 'string' && typeof value[1] === 'number') {
      out.push(value[0]);
      return;
    }
    for (const v of value) historyNames(v, out);
    return;
  }
  if (isObj(value) && value.class_name === '__keras_tensor__' && isObj(value.config)) {
    const history = value.config.keras_history;
    if (Array.isArray(history) && typeof history[0] === 'string') out.push(history[0]);
  }
}

function inboundOf(layer: Obj): string[] {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return [];
  if (nodes.length > 1)
    throw new ImportError(
      `Layer '${String(layer.name)}' is shared (called ${nodes.length} times); Deepwire layers are not`,
    );
  const first = nodes[0];
  const out: string[] = [];
  historyNames(isObj(first) ? first.args : first, out);
  return out;
}

export function readKerasModelConfig(json: unknown): KerasModelConfig {
  let root = isObj(json) && isObj(json.model_config) ? json.model_config : json;
  if (isObj(root) && isObj(root.modelTopology)) root = root.modelTopology;
  if (isObj(root) && isObj(root.model_config)) root = root.model_config;
  if (!isObj(root) || typeof root.class_name !== 'string' || !isObj(root.config))
    throw new ImportError('Not a Keras model config (no class_name/config)');
  const cls = root.class_name;
  if (cls !== 'Functional' && cls !== 'Model' && cls !== 'Sequential')
    throw new ImportError(`The model is a '${cls}'; only Functional, Model and Sequential are supported`);
  const config = root.config;
  const rawLayers = config.layers;
  if (!Array.isArray(rawLayers)) throw new ImportError('The model config has no layer list');
  if (rawLayers.length > IMPORT_LIMITS.maxLayers)
    throw new ImportError(
      `The model has ${rawLayers.length} layers; the limit is ${IMPORT_LIMITS.maxLayers}`,
    );
  const layers: KerasLayerIn[] = [];
  for (const raw of rawLayers) {
    if (!isObj(raw) || typeof raw.class_name !== 'string' || !isObj(raw.config))
      throw new ImportError('A layer entry has no class_name/config');
    const name =
      typeof raw.name === 'string' ? raw.name : typeof raw.config.name === 'string' ? raw.config.name : '';
    if (!name) throw new ImportError(`A ${raw.class_name} layer has no name`);
    const registered =
      typeof raw.registered_name === 'string' && raw.registered_name.startsWith('Deepwire>')
        ? raw.registered_name
        : null;
    layers.push({
      name,
      className: registered ?? raw.class_name,
      config: raw.config,
      inbound: cls === 'Sequential' ? [] : inboundOf(raw),
    });
  }
  if (cls === 'Sequential') chainSequential(layers);
  const outputs = config.output_layers;
  const outNames: string[] = [];
  historyNames(outputs, outNames);
  const output = outNames[0] ?? layers[layers.length - 1]?.name;
  if (outNames.length > 1) throw new ImportError('The model has several outputs; Deepwire graphs have one');
  if (!output) throw new ImportError('The model has no layers');
  return { name: typeof config.name === 'string' ? config.name : 'imported', layers, output };
}

/** A Sequential model's layers feed each other in order; its first may carry the input shape. */
function chainSequential(layers: KerasLayerIn[]): void {
  const first = layers[0];
  if (first && first.className !== 'InputLayer') {
    const shape = first.config.batch_input_shape ?? first.config.batch_shape;
    if (!Array.isArray(shape)) throw new ImportError('The Sequential model declares no input shape');
    layers.unshift({ name: 'input', className: 'InputLayer', config: { batch_shape: shape }, inbound: [] });
  }
  for (let i = 1; i < layers.length; i++) {
    const layer = layers[i];
    const before = layers[i - 1];
    if (layer && before) layer.inbound = [before.name];
  }
}
