import type { NodeType, ParamsOf } from './schema';
import { NODE_DESCRIPTORS } from './nodes';

/** Sensible starting params for every node type: what the palette drops on the canvas. */
export const DEFAULT_PARAMS = Object.fromEntries(NODE_DESCRIPTORS.map((d) => [d.type, d.defaults])) as {
  [T in NodeType]: ParamsOf<T>;
};

/** Human names for the palette, the summary table and error messages. */
export const NODE_TITLES = Object.fromEntries(NODE_DESCRIPTORS.map((d) => [d.type, d.title])) as {
  [T in NodeType]: string;
};
