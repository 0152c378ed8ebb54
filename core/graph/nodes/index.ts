import { activation } from './activation';
import { add } from './add';
import { avgPool2d } from './avgPool2d';
import { batchNorm } from './batchNorm';
import { concat } from './concat';
import { conv2d } from './conv2d';
import { dense } from './dense';
import { dropout } from './dropout';
import { flatten } from './flatten';
import { globalAvgPool2d } from './globalAvgPool2d';
import { input } from './input';
import { lrn } from './lrn';
import { maxPool2d } from './maxPool2d';
import { output } from './output';
import { residualStage } from './residualStage';
import { vggBlock } from './vggBlock';
import { zeroPad2d } from './zeroPad2d';

/**
 * Every node type, in palette order within each group. The document schema,
 * defaults, titles, palette, digests, shape inference and shape checks are
 * all read from these descriptors; a new type is one file here plus its
 * engine descriptor (main/engine/nodes).
 */
export const PRIMITIVE_DESCRIPTORS = [
  input,
  output,
  conv2d,
  zeroPad2d,
  maxPool2d,
  avgPool2d,
  globalAvgPool2d,
  activation,
  batchNorm,
  lrn,
  dropout,
  flatten,
  dense,
  add,
  concat,
] as const;

export const COMPOSITE_DESCRIPTORS = [residualStage, vggBlock] as const;

export const NODE_DESCRIPTORS = [...PRIMITIVE_DESCRIPTORS, ...COMPOSITE_DESCRIPTORS] as const;
