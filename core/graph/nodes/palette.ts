import type { NodeType } from '../schema';
import type { PaletteGroupId } from './descriptor';
import { NODE_DESCRIPTORS } from './index';

/** A palette section: its heading, the colour its nodes wear, and its types in descriptor order. */
export type PaletteSection = {
  readonly id: PaletteGroupId;
  readonly title: string;
  readonly colour: string;
  readonly types: readonly NodeType[];
};

const SECTIONS: readonly Omit<PaletteSection, 'types'>[] = [
  { id: 'io', title: 'Input / Output', colour: '#4cbb7f' },
  { id: 'convolution', title: 'Convolution', colour: '#4c9aff' },
  { id: 'pooling', title: 'Pooling', colour: '#22b8cf' },
  { id: 'activation', title: 'Activation', colour: '#f08c3e' },
  { id: 'normalisation', title: 'Normalisation', colour: '#a57bf2' },
  { id: 'dense', title: 'Dense', colour: '#e0c14c' },
  { id: 'merge', title: 'Merge', colour: '#e667a8' },
  { id: 'composites', title: 'Composites', colour: '#7fd1ae' },
];

/** Every node type once, grouped in the order a CNN is usually built. */
export const PALETTE_SECTIONS: readonly PaletteSection[] = SECTIONS.map((section) => ({
  ...section,
  types: NODE_DESCRIPTORS.filter((d) => d.group === section.id).map((d) => d.type),
}));

const colourOf = new Map(PALETTE_SECTIONS.flatMap((s) => s.types.map((t) => [t, s.colour] as const)));

/** The colour a node of this type wears on the canvas, in the palette and in drawings. */
export function nodeColour(type: NodeType): string {
  return colourOf.get(type)!;
}
