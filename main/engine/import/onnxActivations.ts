import type { ActivationFunction } from '../../../core/graph/schema';
import { ImportError } from './errors';
import { docOf, floatAttr, intAttr } from './onnxAttributes';
import type { OperatorHandler } from './onnxBuilder';
import { geluChain } from './onnxPatterns';

/**
 * Element-wise operators: activations (including the GELU and binary-step
 * patterns older opsets spell out), and Identity/Dropout, which carry
 * Deepwire's dropout, identity activation and flatten through the exporter's docString.
 */

/** An activation whose alpha (when it has one) comes from attribute `alphaAttr`. */
const activation =
  (fn: ActivationFunction, alphaAttr?: { name: string; fallback: number }): OperatorHandler =>
  (b, step) => {
    const alpha = alphaAttr ? floatAttr(step.node, alphaAttr.name, alphaAttr.fallback) : 0.01;
    b.addActivation(step, b.source(step), fn, alpha, step.out);
  };

export const ACTIVATION_OPERATORS: [string, OperatorHandler][] = [
  ['Relu', activation('relu')],
  ['Sigmoid', activation('sigmoid')],
  ['Tanh', activation('tanh')],
  ['Selu', activation('selu')],
  ['Gelu', activation('gelu')],
  ['LeakyRelu', activation('leakyRelu', { name: 'alpha', fallback: 0.01 })],
  ['Elu', activation('elu', { name: 'alpha', fallback: 1 })],
];

export const convertSoftmax: OperatorHandler = (b, step) => {
  const axis = intAttr(step.node, 'axis', -1);
  const src = b.source(step);
  if (!(axis === 1 || (axis === -1 && src.kind !== 'image')))
    throw new ImportError(`${step.what}: softmax over axis ${axis} is not over channels`);
  b.addActivation(step, src, 'softmax', 0.01, step.out);
};

export const convertIdentityOrDropout: OperatorHandler = (b, step) => {
  const { node: n, out } = step;
  const doc = docOf(n);
  const src = b.source(step);
  if (n.opType === 'Dropout' || doc?.deepwire === 'dropout') {
    const rate = typeof doc?.rate === 'number' ? doc.rate : 0.5;
    const id = b.claimFor(step);
    b.add({ id, type: 'dropout', params: { rate } }, [src.id]);
    b.produce(out, { ...src, id });
  } else if (doc?.deepwire === 'activation') b.addActivation(step, src, 'identity', 0.01, out);
  else if (doc?.deepwire === 'flatten') {
    const id = b.claimFor(step);
    b.add({ id, type: 'flatten', params: {} }, [src.id]);
    b.produce(out, { ...src, id });
  } else b.produce(out, src);
};

/** GreaterOrEqual(x, 0) → Cast: Deepwire's binary step as its exporter writes it. */
export const convertBinaryStep: OperatorHandler = (b, step) => {
  const n = step.node;
  const cast = b.graphNodes.find((m) => m.opType === 'Cast' && m.input[0] === step.out);
  const zero = b.init.get(n.input[1] ?? '')?.values;
  if (!cast || !zero || zero.length !== 1 || zero[0] !== 0)
    throw new ImportError(`${step.what}: only x ≥ 0 followed by Cast (a binary step) is supported`);
  b.consumed.add(cast);
  b.addActivation(step, b.source(step), 'binaryStep', 0.01, cast.output[0] ?? '');
};

/** Div starts GELU's written-out chain; the whole chain becomes one activation. */
export const convertGeluDiv: OperatorHandler = (b, step) => {
  const chain = geluChain(b.graphNodes, step.node, b.init);
  if (!chain) throw new ImportError(`${step.what}: division is only supported as part of a GELU`);
  chain.forEach((m) => b.consumed.add(m));
  b.addActivation(step, b.source(step), 'gelu', 0.01, chain[chain.length - 1]?.output[0] ?? '');
};
