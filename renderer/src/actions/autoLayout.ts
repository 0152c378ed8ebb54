import type { Position } from '../../../core/graph/schema';
import { commitDocument } from '../store/history';
import { withPositions } from './moveNodes';
import { defineAction } from './types';

export type ApplyLayoutArg = {
  readonly positions: Readonly<Record<string, Position>>;
  /**
   * The layout that follows loading a template or file is part of the load:
   * no undo step, and a clean document stays clean.
   */
  readonly partOfLoad: boolean;
};

/**
 * The pure half of auto-layout: places nodes at positions computed by ELK
 * (renderer/src/layout/elkLayout.ts runs the asynchronous half).
 */
export const applyLayout = defineAction<ApplyLayoutArg>({
  name: 'autoLayout',
  label: 'Auto-layout',
  perform(state, { positions, partOfLoad }) {
    const document = withPositions(state.document, positions);
    if (document === state.document) return null;
    if (!partOfLoad) return commitDocument(state, document);
    const wasClean = state.document === state.savedDocument;
    return wasClean ? { document, savedDocument: document } : { document };
  },
});
