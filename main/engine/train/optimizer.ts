import * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from '../../../core/training/settings';

/** Created with the base rate; the loop sets the scheduled rate before every batch. */
export function createOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, 0.9);
    case 'nesterov':
      return tf.train.momentum(learningRate, 0.9, true);
    case 'adam':
      return tf.train.adam(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
  }
}

/** The fields tfjs reads the rate from: SGD/momentum keep a scalar `c`, Adam/RMSprop read `learningRate`. */
interface RateHolder {
  learningRate: number;
  setLearningRate?: (rate: number) => void;
}

export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  const holder = optimizer as unknown as RateHolder;
  if (holder.learningRate === rate) return;
  if (typeof holder.setLearningRate === 'function') holder.setLearningRate(rate);
  else holder.learningRate = rate;
}

/** Adam's running beta powers: tfjs rebuilds them with pow() on restore, which is not bit-exact, so we save them. */
interface AdamBetas {
  accBeta1?: tf.Variable;
  accBeta2?: tf.Variable;
}

export interface OptimizerState {
  weights: { name: string; shape: number[]; dtype: string }[];
  extras: Record<string, number>;
}

/** Serialises the optimizer's slots (moments, iterations) as specs plus one binary blob. */
export async function saveOptimizerState(
  optimizer: tf.Optimizer,
): Promise<{ state: OptimizerState; data: Float32Array }> {
  const named = await optimizer.getWeights();
  const chunks: Float32Array[] = [];
  const weights = [];
  for (const { name, tensor } of named) {
    chunks.push(Float32Array.from(await tensor.data()));
    weights.push({ name, shape: tensor.shape.slice(), dtype: tensor.dtype });
  }
  // getWeights() makes a fresh scalar for `iter`; the slot variables themselves are owned by the optimizer.
  for (const { name, tensor } of named) if (name === 'iter') tensor.dispose();
  const extras: Record<string, number> = {};
  const betas = optimizer as unknown as AdamBetas;
  if (betas.accBeta1 && betas.accBeta2) {
    extras.accBeta1 = (await betas.accBeta1.data())[0]!;
    extras.accBeta2 = (await betas.accBeta2.data())[0]!;
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const data = new Float32Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return { state: { weights, extras }, data };
}

export async function restoreOptimizerState(
  optimizer: tf.Optimizer,
  state: OptimizerState,
  data: Float32Array,
): Promise<void> {
  let offset = 0;
  const named: { name: string; tensor: tf.Tensor }[] = state.weights.map((spec) => {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = data.subarray(offset, offset + size);
    offset += size;
    const tensor =
      spec.dtype === 'int32'
        ? tf.tensor(Int32Array.from(values), spec.shape, 'int32')
        : tf.tensor(values.slice(), spec.shape, 'float32');
    return { name: spec.name, tensor };
  });
  if (named.length > 0) await optimizer.setWeights(named);
  // setWeights turns each slot into a new variable; the input tensors are ours to free.
  for (const { tensor } of named) tensor.dispose();
  const betas = optimizer as unknown as AdamBetas;
  if (
    betas.accBeta1 &&
    betas.accBeta2 &&
    state.extras.accBeta1 !== undefined &&
    state.extras.accBeta2 !== undefined
  ) {
    const { accBeta1, accBeta2 } = state.extras;
    tf.tidy(() => {
      betas.accBeta1?.assign(tf.scalar(accBeta1));
      betas.accBeta2?.assign(tf.scalar(accBeta2));
    });
  }
}

/** tfjs's momentum optimizer forgets to free its learning-rate scalar; free it too. */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  (optimizer as unknown as { c?: tf.Tensor }).c?.dispose();
}
