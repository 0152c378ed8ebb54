import { ImportError } from './errors';
import { intAttr, intsAttr, stringAttr } from './onnxAttributes';
import type { OperatorHandler } from './onnxBuilder';

/** Layout and joining operators: Transpose, Flatten/Reshape, Pad, Add/Sum/Concat. */

/** Only the NCHW→NHWC transpose Deepwire's exporter writes before a Flatten; it adds no node. */
export const convertTranspose: OperatorHandler = (b, step) => {
  const src = b.source(step);
  if (src.kind === 'image' && JSON.stringify(intsAttr(step.node, 'perm')) === '[0,2,3,1]') {
    b.produce(step.out, { ...src, kind: 'nhwc' });
    return;
  }
  throw new ImportError(`${step.what}: only the NCHW→NHWC transpose before a Flatten is supported`);
};

/** Flattening is free after a global pool or on a vector; an image must be NHWC (or 1×1) to keep feature order. */
export const convertFlatten: OperatorHandler = (b, step) => {
  const src = b.source(step);
  if (src.kind === 'pooled' || src.kind === 'vector') b.produce(step.out, { ...src, kind: 'vector' });
  else if (src.kind === 'nhwc' || (src.shape[0] === 1 && src.shape[1] === 1)) {
    const id = b.claimFor(step);
    b.add({ id, type: 'flatten', params: {} }, [src.id]);
    b.produce(step.out, { id, kind: 'vector', shape: [src.shape.reduce((x, y) => x * y, 1)] });
  } else
    throw new ImportError(
      `${step.what}: flattening NCHW directly orders features differently from Deepwire's NHWC Flatten`,
    );
};

export const convertMerge: OperatorHandler = (b, step) => {
  const { node: n, what } = step;
  const srcs = n.input.map((name) => b.input(name, what));
  if (n.opType === 'Concat' && intAttr(n, 'axis', 1) !== 1)
    throw new ImportError(`${what}: only channel concatenation (axis 1) is supported`);
  const id = b.claimFor(step);
  b.add(
    { id, type: n.opType === 'Concat' ? 'concat' : 'add', params: {} },
    srcs.map((s) => s.id),
  );
  const first = srcs[0] ?? b.source(step);
  const shape = [...first.shape];
  if (n.opType === 'Concat')
    shape[shape.length - 1] = srcs.reduce((c, s) => c + (s.shape[s.shape.length - 1] ?? 0), 0);
  b.produce(step.out, { id, kind: first.kind === 'image' ? 'image' : 'vector', shape });
};

/** Constant NCHW pads [n, c, t, l, n, c, b, r] → a zeroPad2d node (channels included). */
export const convertPad: OperatorHandler = (b, step) => {
  const { node: n, what } = step;
  const src = b.source(step);
  const pads = b.init.get(n.input[1] ?? '')?.values;
  if (!pads || pads.length !== 8)
    throw new ImportError(`${what}: pads must be a constant 8-value initializer`);
  const [n0, cb, top, left, n1, ca, bottom, right] = Array.from(pads, Number);
  if (n0 || n1 || [cb, top, left, ca, bottom, right].some((v) => v === undefined || v < 0))
    throw new ImportError(`${what}: only non-negative channel/spatial zero padding is supported`);
  const mode = stringAttr(n, 'mode');
  if (mode !== undefined && mode !== 'constant')
    throw new ImportError(`${what}: only constant (zero) padding is supported`);
  const p = {
    top: top ?? 0,
    bottom: bottom ?? 0,
    left: left ?? 0,
    right: right ?? 0,
    channelsBefore: cb ?? 0,
    channelsAfter: ca ?? 0,
  };
  const id = b.claimFor(step);
  b.add({ id, type: 'zeroPad2d', params: p }, [src.id]);
  const [h = 0, w = 0, c = 0] = src.shape;
  b.produce(step.out, {
    id,
    kind: 'image',
    shape: [h + p.top + p.bottom, w + p.left + p.right, c + p.channelsBefore + p.channelsAfter],
  });
};
