import type { z } from 'zod';
import type { Padding } from '../params';
import type { Shape } from '../shape';

/**
 * What one primitive layer produces from its input shapes. Unknown or
 * invalid inputs give `shape: null` (validation explains why); parameters
 * are still counted whenever they can be.
 *
 * Counting conventions (Keras's): batchNorm has 4·C params, of which the
 * moving mean and variance (2·C) are non-trainable. MACs count the
 * multiply-accumulates of conv, dense and output layers only; elementwise
 * layers (activations, pools, BN, add…) count 0, as most paper tables do.
 */
export type LayerResult = { shape: Shape | null; params: number; trainableParams: number; macs: number };

/** The palette sections, in the order a CNN is usually built. */
export type PaletteGroupId =
  'io' | 'convolution' | 'pooling' | 'activation' | 'normalisation' | 'dense' | 'merge' | 'composites';

/** A sliding window over height and width (conv and pooling). */
export type Window = { kernel: number; stride: number; padding: Padding; dilation: number };

/** What the shape checks need to know about a type, so they hold no list of types themselves. */
export type ShapeTraits<P> = {
  /** 'image': needs H×W×C; 'vector': fully connected (an image gets the Insert-Flatten fix); 'any': no demand. */
  readonly accepts: 'image' | 'vector' | 'any';
  /** The window whose fit to the input is checked (non-positive size, stride leftover). */
  readonly window?: (params: P) => Window;
  /** Inputs joined elementwise (`add`) or along channels (`concat`). */
  readonly merge?: 'add' | 'concat';
  /** A problem the parameters alone cause, whatever the input (text completes "<node> …"). */
  readonly paramIssue?: (params: P) => { code: 'stride-with-dilation'; text: string } | null;
};

type Common<T extends string, S extends z.ZodObject> = {
  readonly type: T;
  readonly params: S;
  /** What the palette drops on the canvas. */
  readonly defaults: z.infer<S>;
  /** Human name for the palette, the summary table and error messages. */
  readonly title: string;
  /** Short hint under the palette entry and in quick-add. */
  readonly hint: string;
  /** One sentence on what the layer computes. */
  readonly description: string;
  readonly group: PaletteGroupId;
  /** How many inputs it takes: exact count, or bounds for the variadic merge nodes. */
  readonly arity: { readonly min: number; readonly max: number };
  /** The one-line parameter digest shown on a node, e.g. "16 @ 3×3 /1 same". */
  readonly digest: (params: z.infer<S>) => string;
  readonly traits: ShapeTraits<z.infer<S>>;
};

/** A layer the engine builds directly. */
export type PrimitiveDescriptor<T extends string, S extends z.ZodObject> = Common<T, S> & {
  readonly kind: 'primitive';
  readonly infer: (params: z.infer<S>, inputs: readonly (Shape | null)[]) => LayerResult;
};

/** A block that stands for several primitives; it is inferred, compiled and exported through its expansion. */
export type CompositeDescriptor<T extends string, S extends z.ZodObject> = Common<T, S> & {
  readonly kind: 'composite';
};

export const ONE_INPUT = { min: 1, max: 1 } as const;

export const NOTHING: LayerResult = { shape: null, params: 0, trainableParams: 0, macs: 0 };

export function passThrough(shape: Shape | null): LayerResult {
  return { shape, params: 0, trainableParams: 0, macs: 0 };
}

export function image(shape: Shape | null | undefined): [number, number, number] | null {
  return shape && shape.length === 3 ? [shape[0]!, shape[1]!, shape[2]!] : null;
}

export function vector(shape: Shape | null | undefined): number | null {
  return shape && shape.length === 1 ? shape[0]! : null;
}

/** "same", "valid" or "pad P", as node digests show padding. */
export function paddingText(p: Padding): string {
  return typeof p === 'number' ? `pad ${p}` : p;
}
