import type { GraphDocument } from '../graph/schema';
import {
  buildAlexNet,
  buildAlexNetSmall,
  buildLeNet5,
  buildLinearClassifier,
  buildSimpleCnn,
} from './classic';
import { buildVgg, buildVggSmall } from './vgg';
import { CIFAR_DEPTHS, buildCifarNet, buildResNet18 } from './resnet';

export { buildCifarNet } from './resnet';
export type { CifarDepth, CifarNetOptions } from './resnet';

export type TemplateInfo = {
  id: string;
  title: string;
  family: 'classic' | 'alexnet' | 'vgg' | 'resnet' | 'plain' | 'basic';
  description: string;
  /** Small enough to train on a CPU here. */
  trainable: boolean;
  build(): GraphDocument;
};

const cifarNets: TemplateInfo[] = CIFAR_DEPTHS.flatMap((depth) => [
  {
    id: `resnet${depth}`,
    title: `ResNet-${depth}`,
    family: 'resnet' as const,
    description: `He et al. 2016 CIFAR ResNet: ${(depth - 2) / 2} basic blocks in three stages (16/32/64 filters), zero-padding shortcuts.`,
    trainable: depth <= 56,
    build: () => buildCifarNet({ depth, residual: true }),
  },
  {
    id: `plain${depth}`,
    title: `Plain-${depth}`,
    family: 'plain' as const,
    description: `ResNet-${depth} without its shortcuts: the deep plain net that shows the degradation problem.`,
    trainable: depth <= 56,
    build: () => buildCifarNet({ depth, residual: false }),
  },
]);

export const TEMPLATES: TemplateInfo[] = [
  {
    id: 'simple-cnn',
    title: 'Simple CNN',
    family: 'basic',
    description:
      'Input, one convolution with ReLU, max pooling, a dense layer and the output: every basic layer once.',
    trainable: true,
    build: buildSimpleCnn,
  },
  {
    id: 'linear-classifier',
    title: 'Linear classifier',
    family: 'basic',
    description:
      'f = Wx + b on a flattened 32×32×3 image: each class row of W is a blurry template of its class.',
    trainable: true,
    build: buildLinearClassifier,
  },
  {
    id: 'lenet5',
    title: 'LeNet-5',
    family: 'classic',
    description:
      'LeCun et al. 1998: two tanh convolutions with average pooling and three fully-connected layers, for digits.',
    trainable: true,
    build: buildLeNet5,
  },
  {
    id: 'alexnet',
    title: 'AlexNet',
    family: 'alexnet',
    description:
      'Krizhevsky et al. 2012 on 227×227×3: 11×11 first filters, LRN, three 4096-wide FC layers, 1000 classes.',
    trainable: false,
    build: buildAlexNet,
  },
  {
    id: 'alexnet-small',
    title: 'AlexNet (small)',
    family: 'alexnet',
    description: "AlexNet's layout scaled to 32×32×3 images, so it trains on CIFAR-size data.",
    trainable: true,
    build: buildAlexNetSmall,
  },
  ...([11, 16, 19] as const).map((depth) => ({
    id: `vgg${depth}`,
    title: `VGG-${depth}`,
    family: 'vgg' as const,
    description: `Simonyan & Zisserman 2014 on 224×224×3: 3×3 convolutions only, in five VGG blocks.`,
    trainable: false,
    build: () => buildVgg(depth),
  })),
  {
    id: 'vgg-small',
    title: 'VGG (small)',
    family: 'vgg',
    description: 'Three batch-normalised VGG blocks for 32×32×3 images.',
    trainable: true,
    build: buildVggSmall,
  },
  ...cifarNets.filter((t) => t.family === 'resnet'),
  ...cifarNets.filter((t) => t.family === 'plain'),
  {
    id: 'resnet18',
    title: 'ResNet-18',
    family: 'resnet',
    description:
      'He et al. 2016 on 224×224×3: four stages of two basic blocks with 1×1 projection shortcuts.',
    trainable: false,
    build: buildResNet18,
  },
];

export function getTemplate(id: string): TemplateInfo | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
