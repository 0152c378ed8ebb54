import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { isModelFileName } from '../export/modelFiles';
import {
  visibleEntries,
  WorkspaceBrowser,
  type WorkspaceBrowserProps,
  type WorkspaceListing,
} from './WorkspaceBrowser';

const LISTING: WorkspaceListing = {
  dir: 'runs/r1',
  parent: 'runs',
  entries: [
    { name: 'exports', fileId: 'runs/r1/exports', kind: 'directory' },
    { name: 'model.json', fileId: 'runs/r1/model.json', kind: 'file' },
    { name: 'net.onnx', fileId: 'runs/r1/net.onnx', kind: 'file' },
    { name: 'README.md', fileId: 'runs/r1/README.md', kind: 'file' },
    { name: 'weights.bin', fileId: 'runs/r1/weights.bin', kind: 'file' },
  ],
};

const isJson = (name: string) => name.toLowerCase().endsWith('.json');

function render(overrides: Partial<WorkspaceBrowserProps>): string {
  const noop = () => undefined;
  return renderToStaticMarkup(
    <WorkspaceBrowser
      listing={LISTING}
      accept={isJson}
      entryTestIdPrefix="file-entry-"
      emptyText="Nothing here."
      isChosen={() => false}
      onNavigate={noop}
      onChoose={noop}
      onActivate={noop}
      {...overrides}
    />,
  );
}

describe('visibleEntries', () => {
  it('keeps every folder and only the files the filter accepts, in listing order', () => {
    expect(visibleEntries(LISTING, isJson).map((e) => e.name)).toEqual(['exports', 'model.json']);
    expect(visibleEntries(LISTING, isModelFileName).map((e) => e.name)).toEqual([
      'exports',
      'model.json',
      'net.onnx',
    ]);
  });

  it('is empty before the first listing arrives', () => {
    expect(visibleEntries(null, () => true)).toEqual([]);
  });
});

describe('WorkspaceBrowser', () => {
  it('names each row with the caller prefix and hides rejected files', () => {
    const html = render({ entryTestIdPrefix: 'import-entry-', accept: isModelFileName });
    expect(html).toContain('data-testid="import-entry-exports"');
    expect(html).toContain('data-testid="import-entry-model.json"');
    expect(html).toContain('data-testid="import-entry-net.onnx"');
    expect(html).not.toContain('README.md');
    expect(html).not.toContain('weights.bin');
    expect(html).not.toContain('file-entry-');
  });

  it('marks folders as dir and only the chosen file as chosen', () => {
    const html = render({ isChosen: (entry) => entry.name === 'model.json' });
    expect(html).toContain('<li data-testid="file-entry-exports" class="dir">');
    expect(html).toContain('<li data-testid="file-entry-model.json" class="chosen">');
  });

  it('shows the folder path under workspace/ and enables Up when there is a parent', () => {
    const html = render({});
    expect(html).toContain('workspace/runs/r1');
    expect(html).toMatch(/<button title="Up one folder">↑<\/button>/);
  });

  it('shows the root as workspace/ with Up disabled', () => {
    const html = render({ listing: { dir: '.', parent: null, entries: [] } });
    expect(html).toContain('<span class="mono">workspace/</span>');
    expect(html).toMatch(/<button disabled="" title="Up one folder">/);
  });

  it('says the empty text only once a listing has arrived with nothing to offer', () => {
    const emptyFolder = render({ listing: { dir: '.', parent: null, entries: LISTING.entries.slice(3) } });
    expect(emptyFolder).toContain('<li class="empty">Nothing here.</li>');
    const loading = render({ listing: null });
    expect(loading).toContain('Loading…');
    expect(loading).not.toContain('Nothing here.');
  });
});

describe('a cut listing', () => {
  it('says the folder has more entries than shown only when the host cut the listing', () => {
    expect(render({ listing: { ...LISTING, truncated: true } })).toContain(
      'data-testid="file-list-truncated"',
    );
    expect(render({})).not.toContain('file-list-truncated');
  });
});
