import { describe, expect, it } from 'vitest';
import type { OnnxAttribute, OnnxNode } from '../export/onnx/onnx-proto';
import { docOf, floatAttr, stringAttr } from './onnxAttributes';
import { OnnxGraphBuilder, type TrackedTensor } from './onnxBuilder';
import { convertNodes, ONNX_OPERATORS } from './onnxOperators';
import type { Initializer } from './onnxTensors';
import { padsToPadding, square } from './onnxWindows';

const node = (
  opType: string,
  input: string[],
  output: string[],
  attribute: OnnxAttribute[] = [],
): OnnxNode => ({
  name: `${opType.toLowerCase()}1`,
  opType,
  input,
  output,
  attribute,
});
const ints = (name: string, values: number[]): OnnxAttribute => ({ name, type: 7, ints: values });
const text = (name: string, value: string): OnnxAttribute => ({
  name,
  type: 3,
  s: new TextEncoder().encode(value),
});
const floats = (shape: number[], values: number[]): Initializer => ({
  shape,
  values: Float32Array.from(values),
});
const image: TrackedTensor = { id: 'in', kind: 'image', shape: [5, 5, 2] };

describe('OnnxGraphBuilder', () => {
  it('claims unique tfjs-safe ids, naming an exporter pad helper <base>__pad', () => {
    const b = new OnnxGraphBuilder([], new Map());
    expect(b.claim('conv', 1)).toBe('conv');
    expect(b.claim('conv', 2)).toBe('conv_2');
    expect(b.claim('block/pad', 3)).toBe('block__pad');
    b.reserve('taken');
    expect(b.claim('taken', 8)).toBe('taken_2');
    expect(b.claim('', 9)).toBe('node9'); // unnamed nodes are named by position
  });

  it('refuses missing or non-float weights and values read before they are produced', () => {
    const b = new OnnxGraphBuilder([], new Map([['shape', { shape: [2], values: [1, 2] }]]));
    expect(() => b.weight('shape', 'W')).toThrow('W is not a float initializer');
    expect(() => b.weight(undefined, 'W')).toThrow('W is not a float initializer');
    expect(() => b.input('x', 'N')).toThrow("N reads 'x', which is not produced before it");
    b.produce('x', image);
    expect(b.input('x', 'N')).toBe(image);
  });
});

describe('attribute reads', () => {
  it('keeps float32 precision, decodes strings and reads only JSON-object docStrings', () => {
    const n = node(
      'LeakyRelu',
      [],
      [],
      [{ name: 'alpha', type: 1, f: 0.0010000000474974513 }, text('mode', 'edge')],
    );
    expect(floatAttr(n, 'alpha', 0.01)).toBe(0.001);
    expect(floatAttr(n, 'beta', 0.5)).toBe(0.5);
    expect(stringAttr(n, 'mode')).toBe('edge');
    expect(stringAttr(n, 'missing')).toBeUndefined();
    expect(docOf({ ...n, docString: '{"deepwire":"dropout","rate":0.2}' })).toEqual({
      deepwire: 'dropout',
      rate: 0.2,
    });
    expect(docOf({ ...n, docString: 'not json' })).toBeNull();
    expect(docOf({ ...n, docString: '3' })).toBeNull();
  });
});

describe('window padding', () => {
  const pad = (opType: string, attrs: OnnxAttribute[], kernel = 3, stride = 1) => {
    const b = new OnnxGraphBuilder([], new Map());
    const result = padsToPadding(
      b,
      node(opType, ['in'], ['y'], attrs),
      image,
      { kernel, stride, dilation: 1 },
      'c',
      'N',
    );
    return { result, b };
  };

  it('reads square attributes and refuses anything else', () => {
    expect(square([3, 3], 'N')).toBe(3);
    expect(square([2], 'N')).toBe(2);
    expect(() => square([2, 3], 'N')).toThrow('N: non-square [2,3] is not supported');
    expect(() => square([], 'N')).toThrow('N: non-square [] is not supported');
  });

  it("maps auto_pad and explicit pads to 'same', 'valid' or a symmetric number", () => {
    expect(pad('Conv', [text('auto_pad', 'SAME_UPPER')]).result.padding).toBe('same');
    expect(pad('Conv', [text('auto_pad', 'VALID')]).result.padding).toBe('valid');
    expect(pad('Conv', []).result.padding).toBe('valid');
    // 5 wide, kernel 4, stride 1: TensorFlow's 'same' puts 1 before and 2 after.
    expect(pad('Conv', [ints('pads', [1, 1, 2, 2])], 4).result.padding).toBe('same');
    expect(pad('Conv', [ints('pads', [2, 2, 2, 2])]).result.padding).toBe(2);
    expect(pad('MaxPool', [ints('pads', [1, 0, 0, 0])]).result.padding).toBe(1);
    expect(() => pad('Conv', [text('auto_pad', 'SAME_LOWER')])).toThrow(
      'N: auto_pad SAME_LOWER is not supported',
    );
  });

  it('puts a zeroPad2d node before a conv whose pads are uneven', () => {
    const { result, b } = pad('Conv', [ints('pads', [0, 1, 2, 3])]);
    expect(result).toEqual({ padding: 'valid', source: { id: 'c__pad', kind: 'image', shape: [7, 9, 2] } });
    expect(b.nodes).toEqual([
      {
        node: {
          id: 'c__pad',
          type: 'zeroPad2d',
          params: { top: 0, bottom: 2, left: 1, right: 3, channelsBefore: 0, channelsAfter: 0 },
        },
        inputs: ['in'],
      },
    ]);
    expect(b.claim('c__pad', 0)).toBe('c__pad_2');
  });
});

describe('operator allow-list', () => {
  it('refuses unknown operators by node name, including names found on Object.prototype', () => {
    for (const op of ['Mystery', 'constructor', 'toString']) {
      const b = new OnnxGraphBuilder([node(op, ['in'], ['y'])], new Map());
      b.produce('in', image);
      expect(() => convertNodes(b)).toThrow(
        `ONNX node '${op.toLowerCase()}1' (${op}): the operator has no Deepwire node`,
      );
    }
    expect([...ONNX_OPERATORS.keys()].sort()).toEqual(
      [
        ...['Conv', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'BatchNormalization', 'LRN'],
        ...['Relu', 'Sigmoid', 'Tanh', 'Selu', 'Gelu', 'LeakyRelu', 'Elu', 'Softmax'],
        ...['Identity', 'Dropout', 'GreaterOrEqual', 'Div', 'Gemm', 'MatMul'],
        ...['Transpose', 'Flatten', 'Reshape', 'Pad', 'Add', 'Sum', 'Concat'],
      ].sort(),
    );
  });

  it('folds MatMul + constant Add into one dense layer with bias, and transposes a Gemm transB kernel', () => {
    const nodes = [
      node('MatMul', ['v', 'W'], ['m']),
      node('Add', ['m', 'B'], ['y']),
      node('Gemm', ['y', 'G'], ['z'], [{ name: 'transB', type: 2, i: 1 }]),
    ];
    const init = new Map([
      ['W', floats([2, 3], [1, 2, 3, 4, 5, 6])],
      ['B', floats([3], [7, 8, 9])],
      ['G', floats([1, 3], [1, 0, -1])],
    ]);
    const b = new OnnxGraphBuilder(nodes, init);
    b.produce('v', { id: 'flat', kind: 'vector', shape: [2] });
    convertNodes(b);
    expect(b.nodes.map((n) => [n.node.id, n.node.type, n.node.params, n.inputs])).toEqual([
      ['matmul1', 'dense', { units: 3, useBias: true }, ['flat']],
      ['gemm1', 'dense', { units: 1, useBias: false }, ['matmul1']],
    ]);
    expect(b.tensors.map((t) => [t.name, t.shape, Array.from(t.values)])).toEqual([
      ['matmul1/kernel', [2, 3], [1, 2, 3, 4, 5, 6]],
      ['matmul1/bias', [3], [7, 8, 9]],
      ['gemm1/kernel', [3, 1], [1, 0, -1]],
    ]);
    expect(b.produced('z')).toEqual({ id: 'gemm1', kind: 'vector', shape: [1] });
  });
});
