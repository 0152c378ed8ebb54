import type { ActivationFunction } from '../../../core/graph/schema';

/** A scalar activation and its derivative, for the inspector's plot. */
export interface ScalarActivation {
  f(x: number): number;
  df(x: number): number;
  formula: string;
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26: |error| < 1.5e-7, plenty for a plot.
  const sign = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-a * a);
  return sign * y;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const gaussian = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/**
 * Every element-wise activation the schema offers (softmax is a vector
 * function: see `softmax`). Binary step's derivative is 0 everywhere it
 * exists, which is exactly why it cannot be trained by gradient descent.
 */
export function scalarActivation(fn: Exclude<ActivationFunction, 'softmax'>, alpha = 0.01): ScalarActivation {
  switch (fn) {
    case 'identity':
      return { f: (x) => x, df: () => 1, formula: 'f(x) = x' };
    case 'binaryStep':
      return { f: (x) => (x >= 0 ? 1 : 0), df: () => 0, formula: 'f(x) = 1 if x ≥ 0 else 0' };
    case 'sigmoid':
      return { f: sigmoid, df: (x) => sigmoid(x) * (1 - sigmoid(x)), formula: 'f(x) = 1 / (1 + e^−x)' };
    case 'tanh':
      return { f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2, formula: 'f(x) = tanh x' };
    case 'relu':
      return { f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0), formula: 'f(x) = max(0, x)' };
    case 'leakyRelu':
      return {
        f: (x) => (x > 0 ? x : alpha * x),
        df: (x) => (x > 0 ? 1 : alpha),
        formula: `f(x) = x if x > 0 else ${alpha}·x`,
      };
    case 'elu':
      return {
        f: (x) => (x > 0 ? x : alpha * (Math.exp(x) - 1)),
        df: (x) => (x > 0 ? 1 : alpha * Math.exp(x)),
        formula: `f(x) = x if x > 0 else ${alpha}·(eˣ − 1)`,
      };
    case 'selu':
      return {
        f: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1)),
        df: (x) => SELU_SCALE * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x)),
        formula: 'f(x) = λ·(x if x > 0 else α(eˣ − 1)), λ ≈ 1.0507, α ≈ 1.6733',
      };
    case 'gelu':
      return {
        f: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
        df: (x) => 0.5 * (1 + erf(x / Math.SQRT2)) + x * gaussian(x),
        formula: 'f(x) = x·Φ(x)',
      };
  }
}

/** softmax(z)_i = e^{z_i} / Σ_j e^{z_j}, shifted by the max so large scores do not overflow. */
export function softmax(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** An SVG path through f over [x0, x1], mapped into a width×height box showing [y0, y1]. */
export function plotPath(
  f: (x: number) => number,
  box: { x0: number; x1: number; y0: number; y1: number; width: number; height: number },
  samples = 200,
): string {
  const { x0, x1, y0, y1, width, height } = box;
  const parts: string[] = [];
  for (let i = 0; i <= samples; i++) {
    const x = x0 + ((x1 - x0) * i) / samples;
    const y = Math.min(Math.max(f(x), y0 - 1), y1 + 1);
    const px = ((x - x0) / (x1 - x0)) * width;
    const py = height - ((y - y0) / (y1 - y0)) * height;
    parts.push(`${i === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`);
  }
  return parts.join(' ');
}
