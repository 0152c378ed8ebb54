import { tf } from './tf';

export type SelfCheck = { ok: boolean; maxRelativeDiff: number; detail: string };

/**
 * Input and filter gradients of a strided, padded conv: the kernels training
 * leans on most. Read with data(): webgpu has no synchronous read under Node.
 */
async function convGradients(): Promise<Float32Array[]> {
  const grads = tf.tidy(() => {
    const x = tf.tensor4d(
      Float32Array.from({ length: 2 * 9 * 9 * 3 }, (_, i) => Math.sin(i)),
      [2, 9, 9, 3],
    );
    const w = tf.tensor4d(
      Float32Array.from({ length: 3 * 3 * 3 * 4 }, (_, i) => Math.cos(i)),
      [3, 3, 3, 4],
    );
    const loss = (a: tf.Tensor, b: tf.Tensor) =>
      tf
        .conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')
        .square()
        .sum();
    return tf.grads(loss)([x, w]);
  });
  const values = await Promise.all(grads.map(async (g) => (await g.data()) as Float32Array));
  tf.dispose(grads);
  return values;
}

/**
 * Checks that the active backend's conv gradients agree with the pure-JS
 * reference, so `deepwire doctor` proves training will be correct here, not
 * only that a backend loaded. Leaves the active backend as it found it.
 */
export async function checkGradientsAgainstCpu(): Promise<SelfCheck> {
  const active = tf.getBackend();
  try {
    const actual = await convGradients();
    await tf.setBackend('cpu');
    const reference = await convGradients();
    let maxDiff = 0;
    let magnitude = 1;
    reference.forEach((ref, k) => {
      const got = actual[k]!;
      for (let i = 0; i < ref.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(ref[i]! - got[i]!));
        magnitude = Math.max(magnitude, Math.abs(ref[i]!));
      }
    });
    const relative = maxDiff / magnitude;
    const ok = Number.isFinite(relative) && relative <= 1e-4;
    return {
      ok,
      maxRelativeDiff: relative,
      detail: `conv gradients on ${active} vs cpu: max relative difference ${relative.toExponential(1)}`,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, maxRelativeDiff: Infinity, detail: `conv gradients failed on ${active}: ${message}` };
  } finally {
    await tf.setBackend(active);
  }
}
