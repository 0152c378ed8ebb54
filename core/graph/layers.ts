/** A primitive's inference lives in its descriptor (core/graph/nodes); this is the name the graph code calls it by. */
export type { LayerResult } from './nodes/descriptor';
export { inferPrimitive as inferLayer } from './nodes/registry';
