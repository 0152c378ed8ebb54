import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './builder';
import { parseDocument, serializeDocument } from './document';
import { CURRENT_VERSION } from './schema';

const NEWER = CURRENT_VERSION + 1;

function currentText(): string {
  const b = new GraphBuilder('Digits');
  b.add('input', { height: 28, width: 28, channels: 1 }, { id: 'in' });
  b.add('flatten', {}, { id: 'flat' });
  b.add('output', { classes: 10 }, { id: 'out' });
  return serializeDocument(b.build());
}

/** What a newer Deepwire might write: the known structure plus fields this version has never heard of. */
function newerDocument(): Record<string, unknown> {
  const doc = JSON.parse(currentText()) as { nodes: Record<string, unknown>[] } & Record<string, unknown>;
  return {
    ...doc,
    version: NEWER,
    experiments: [{ id: 'x1' }],
    nodes: doc.nodes.map((n) => ({ ...n, quantize: { bits: 4 } })),
  };
}

describe('parseDocument with a newer version', () => {
  it('reads the known structure read-only, with a reason naming both versions', () => {
    const result = parseDocument(JSON.stringify(newerDocument()), { allowNewer: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBeNull();
    expect(result.readOnly?.version).toBe(NEWER);
    const reason = result.readOnly?.reason ?? '';
    expect(reason).toContain(`version ${NEWER}`);
    expect(reason).toContain(`up to version ${CURRENT_VERSION}`);
    expect(reason).toContain('read-only');
    expect(reason).toContain('Save As');
    // The in-memory document is a current-version one; unknown fields were dropped, known ones kept.
    expect(result.document.version).toBe(CURRENT_VERSION);
    expect(result.document.nodes.map((n) => n.id)).toEqual(['in', 'flat', 'out']);
    expect(result.document.nodes[0]).not.toHaveProperty('quantize');
    expect(result.document).not.toHaveProperty('experiments');
  });

  it('still refuses a newer file by default (training, CLI and imports must not guess)', () => {
    const result = parseDocument(newerDocument());
    expect(result).toMatchObject({ ok: false, error: { code: 'version-too-new', path: 'version' } });
  });

  it('refuses a newer file whose known structure does not parse, saying what failed', () => {
    const doc = newerDocument();
    const nodes = doc['nodes'] as Record<string, unknown>[];
    nodes[1] = { ...nodes[1], type: 'attention' };
    const result = parseDocument(doc, { allowNewer: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'version-too-new', path: 'version' } });
    if (result.ok) return;
    expect(result.error.message).toContain(`version ${NEWER}`);
    expect(result.error.message).toContain('"attention"');
    expect(result.error.message).toContain('Update Deepwire');
  });

  it('does not mark current or migrated documents read-only', () => {
    const current = parseDocument(currentText(), { allowNewer: true });
    expect(current.ok && current.readOnly).toBeUndefined();
    const old = parseDocument(
      { format: 'deepwire', version: 0, title: 'Old', layers: [], links: [] },
      { allowNewer: true },
    );
    expect(old).toMatchObject({ ok: true, migratedFrom: 0 });
    expect(old.ok && old.readOnly).toBeUndefined();
  });
});
