import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument } from '../../../core/graph/document';
import { inferGraph } from '../../../core/graph/infer';
import type { GraphDocument } from '../../../core/graph/schema';
import { isError, validateGraph } from '../../../core/graph/validate';
import { initBackend, tf } from '../backends';
import { breakGraph, buildGraph, graphRecipe, type Breakage } from './fuzz-graphs';
import { CompileError, compileGraph } from './index';

/**
 * Random graphs against the two views of a graph the app keeps: core's
 * inference/validation (what the editor shows) and the compiled tfjs model
 * (what trains). They must agree on every shape, and every broken graph must
 * be reported against a node or edge, never as a bare tfjs failure.
 */

const SEED = 424_242;

/** Compiles, hands the model to `check`, always disposes it; returns the CompileError if any. */
function withCompiled(
  doc: GraphDocument,
  check: (model: tf.LayersModel, layerOf: (id: string) => string) => void,
) {
  let compiled: ReturnType<typeof compileGraph> | undefined;
  try {
    compiled = compileGraph(doc, { seed: 3 });
  } catch (error) {
    if (error instanceof CompileError) return error;
    throw error;
  }
  try {
    check(compiled.model, compiled.layerNameOf);
  } finally {
    compiled.model.dispose();
  }
  return undefined;
}

beforeAll(async () => {
  await initBackend({ force: 'cpu' });
});

describe('graph fuzzing', () => {
  it('compiles every graph core calls valid, with the shapes core infers, and leaks no tensor', () => {
    const baseline = tf.memory().numTensors;
    let compiledCount = 0;
    fc.assert(
      fc.property(graphRecipe, (recipe) => {
        const doc = buildGraph(recipe);
        const inference = inferGraph(doc);
        const errors = validateGraph(doc, inference).filter(isError);
        if (errors.length > 0) {
          // Too-small images or stride with dilation: core must say where.
          for (const problem of errors) expect(problem.nodeId ?? problem.edgeId).toBeDefined();
          return;
        }
        const failure = withCompiled(doc, (model, layerOf) => {
          for (const node of doc.nodes) {
            const layer = model.getLayer(layerOf(node.id));
            const shape = (layer.outputShape as (number | null)[]).slice(1);
            expect(shape, `${node.id} (${node.type})`).toEqual(inference.nodes[node.id]?.shape);
          }
        });
        // Core flags everything compile refuses (stride with dilation included), so a valid graph compiles.
        expect(failure, failure?.message).toBeUndefined();
        compiledCount += 1;
      }),
      { seed: SEED, numRuns: 60 },
    );
    expect(compiledCount).toBeGreaterThan(20);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('reports every broken graph against a node or edge; compile fails only with a CompileError', () => {
    const breakage = fc.constantFrom<Breakage>('cycle', 'dangling-edge', 'mismatched-add', 'dense-on-image');
    const baseline = tf.memory().numTensors;
    fc.assert(
      fc.property(graphRecipe, breakage, (recipe, how) => {
        const doc = breakGraph(recipe, how);
        const errors = validateGraph(doc).filter(isError);
        expect(errors.length, how).toBeGreaterThan(0);
        for (const problem of errors) expect(problem.nodeId ?? problem.edgeId, problem.message).toBeDefined();
        // tfjs broadcasts a 1-channel add, so compile may accept what core refuses; a failure must be typed.
        const failure = withCompiled(doc, () => undefined);
        if (how !== 'mismatched-add') expect(failure, `${how} compiled`).toBeInstanceOf(CompileError);
        if (failure && how !== 'cycle') expect(failure.nodeId, failure.message).toBeDefined();
      }),
      { seed: SEED, numRuns: 60 },
    );
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('round-trips every graph through serialise → parseDocument unchanged', () => {
    fc.assert(
      fc.property(
        graphRecipe,
        fc.constantFrom<Breakage | null>(null, 'cycle', 'dangling-edge'),
        (recipe, how) => {
          const doc = how === null ? buildGraph(recipe) : breakGraph(recipe, how);
          const parsed = parseDocument(serializeDocument(doc));
          expect(parsed).toEqual({ ok: true, document: doc, migratedFrom: null });
          if (parsed.ok) expect(serializeDocument(parsed.document)).toBe(serializeDocument(doc));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});
