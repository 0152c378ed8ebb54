import { describe, expect, it } from 'vitest';
import { TEMPLATES, buildCifarNet, getTemplate } from './index';
import { analyzeGraph } from '../graph/validate';
import { inferGraph } from '../graph/infer';
import { parseDocument, serializeDocument } from '../graph/document';

function params(id: string) {
  const template = getTemplate(id);
  expect(template).toBeDefined();
  return inferGraph(template!.build());
}

function within(actual: number, expected: number, tolerance = 0.01) {
  expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(tolerance);
}

describe('template parameter counts (the papers’ figures)', () => {
  it('LeNet-5 ≈ 61.7k', () => expect(params('lenet5').totalParams).toBe(61_706));
  it('AlexNet ≈ 62.4M (single tower)', () => expect(params('alexnet').totalParams).toBe(62_378_344));
  it('VGG-16 = 138,357,544', () => expect(params('vgg16').totalParams).toBe(138_357_544));
  it('VGG-11 and VGG-19', () => {
    expect(params('vgg11').totalParams).toBe(132_863_336);
    expect(params('vgg19').totalParams).toBe(143_667_240);
  });
  // Papers quote trainable parameters; our totals add BN's moving statistics (Keras's count).
  it('ResNet-20 ≈ 0.27M', () => {
    const inf = params('resnet20');
    within(inf.trainableParams, 270_000);
    expect(inf.totalParams).toBe(271_098);
  });
  it('ResNet-56 ≈ 0.85M', () => {
    const inf = params('resnet56');
    expect(inf.trainableParams).toBe(853_018);
    within(inf.totalParams, 850_000);
  });
  it('ResNet-110 ≈ 1.7M', () => within(params('resnet110').trainableParams, 1_700_000, 0.02));
  it('ResNet-18 ≈ 11.7M', () => within(params('resnet18').totalParams, 11_689_512));
  it('plain nets have the same parameters as their ResNets (option A shortcuts are free)', () => {
    expect(params('plain56').totalParams).toBe(params('resnet56').totalParams);
  });
});

describe('every template', () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))(
    '%s validates with no errors and round-trips',
    (_id, template) => {
      const doc = template.build();
      const { problems, inference } = analyzeGraph(doc);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(inference.order).toHaveLength(doc.nodes.length);
      expect(parseDocument(serializeDocument(doc))).toMatchObject({ ok: true, document: doc });
    },
  );

  it('has unique ids and is found by getTemplate', () => {
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
    expect(getTemplate('resnet56')?.title).toBe('ResNet-56');
    expect(getTemplate('nope')).toBeUndefined();
  });

  it('keeps the final output shapes right', () => {
    expect(params('resnet56').nodes['output']?.shape).toEqual([10]);
    expect(params('resnet18').nodes['stage4']?.shape).toEqual([7, 7, 512]);
    expect(params('alexnet').nodes['pool5']?.shape).toEqual([6, 6, 256]);
  });
});

describe('buildCifarNet', () => {
  it('honours width, input, classes and shortcut', () => {
    const doc = buildCifarNet({
      depth: 20,
      residual: true,
      width: 8,
      input: { height: 28, width: 28, channels: 1 },
      classes: 5,
      shortcut: 'projection',
    });
    const inf = inferGraph(doc);
    expect(inf.nodes['stage3']?.shape).toEqual([7, 7, 32]);
    expect(inf.nodes['output']?.shape).toEqual([5]);
    expect(doc.name).toBe('ResNet-20');
  });

  it('plain and residual nets share the stage composites, differing only in the toggle', () => {
    const plain = buildCifarNet({ depth: 32, residual: false });
    const res = buildCifarNet({ depth: 32, residual: true });
    expect(plain.nodes.map((n) => n.type)).toEqual(res.nodes.map((n) => n.type));
    expect(plain.nodes.find((n) => n.id === 'stage2')?.params).toMatchObject({ residual: false, blocks: 5 });
  });
});
