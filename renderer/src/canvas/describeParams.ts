import type { GraphNode, Padding } from '../../../core/graph/schema';

function padding(p: Padding): string {
  return typeof p === 'number' ? `pad ${p}` : p;
}

const ACTIVATION_NAMES: Record<string, string> = {
  identity: 'identity',
  binaryStep: 'binary step',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  relu: 'ReLU',
  leakyRelu: 'leaky ReLU',
  elu: 'ELU',
  selu: 'SELU',
  gelu: 'GELU',
  softmax: 'softmax',
};

/** The one-line parameter digest shown on a node, e.g. "16 @ 3×3 /1 same". */
export function describeParams(node: GraphNode): string {
  switch (node.type) {
    case 'input':
      return `${node.params.height}×${node.params.width}×${node.params.channels}`;
    case 'conv2d': {
      const p = node.params;
      const dilation = p.dilation > 1 ? ` d${p.dilation}` : '';
      return `${p.filters} @ ${p.kernel}×${p.kernel} /${p.stride} ${padding(p.padding)}${dilation}`;
    }
    case 'maxPool2d':
    case 'avgPool2d':
      return `${node.params.pool}×${node.params.pool} /${node.params.stride} ${padding(node.params.padding)}`;
    case 'activation': {
      const name = ACTIVATION_NAMES[node.params.fn] ?? node.params.fn;
      const usesAlpha = node.params.fn === 'leakyRelu' || node.params.fn === 'elu';
      return usesAlpha ? `${name} α=${node.params.alpha}` : name;
    }
    case 'batchNorm':
      return `momentum ${node.params.momentum}`;
    case 'lrn':
      return `r=${node.params.depthRadius} α=${node.params.alpha} β=${node.params.beta}`;
    case 'dense':
      return `${node.params.units} units${node.params.useBias ? '' : ', no bias'}`;
    case 'dropout':
      return `rate ${node.params.rate}`;
    case 'zeroPad2d': {
      const p = node.params;
      const channels =
        p.channelsBefore + p.channelsAfter > 0 ? ` +${p.channelsBefore + p.channelsAfter}ch` : '';
      return `pad ${p.top},${p.bottom},${p.left},${p.right}${channels}`;
    }
    case 'output':
      return `${node.params.classes} classes`;
    case 'residualStage': {
      const p = node.params;
      const kind = p.residual
        ? p.shortcut === 'projection'
          ? 'residual, 1×1 proj'
          : 'residual, zero-pad'
        : 'plain';
      return `${p.blocks} blocks × ${p.filters} /${p.firstStride} ${kind}`;
    }
    case 'vggBlock':
      return `${node.params.convs} × conv3×3 ${node.params.filters}${node.params.batchNorm ? ' +BN' : ''} + pool`;
    case 'globalAvgPool2d':
    case 'flatten':
    case 'add':
    case 'concat':
      return '';
  }
}
