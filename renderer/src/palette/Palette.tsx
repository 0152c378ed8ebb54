import { useState, type DragEvent } from 'react';
import { NODE_TITLES } from '../../../core/graph/defaults';
import type { NodeType } from '../../../core/graph/schema';
import { PALETTE_DRAG_TYPE } from '../canvas/paletteDrag';
import { useAddNodeAtView } from '../canvas/useAddNode';
import { NODE_HINTS, PALETTE_GROUPS, searchNodeTypes } from './paletteGroups';

function onDragStart(event: DragEvent, type: NodeType): void {
  event.dataTransfer.setData(PALETTE_DRAG_TYPE, type);
  event.dataTransfer.effectAllowed = 'copy';
}

/** Every node type, grouped; drag one onto the canvas, or double-click to add it at the view. */
export function Palette() {
  const [filter, setFilter] = useState('');
  const addAtView = useAddNodeAtView();
  const visible = new Set(searchNodeTypes(filter));
  return (
    <aside className="palette" aria-label="Layers">
      <input
        className="palette-search"
        placeholder="Filter layers…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        aria-label="Filter layers"
      />
      <div className="palette-groups">
        {PALETTE_GROUPS.map((group) => {
          const types = group.types.filter((t) => visible.has(t));
          if (types.length === 0) return null;
          return (
            <section key={group.title} className="palette-group">
              <h3>{group.title}</h3>
              {types.map((type) => (
                <div
                  key={type}
                  className={`palette-item type-${type}`}
                  data-testid={`palette-item-${type}`}
                  draggable
                  onDragStart={(e) => onDragStart(e, type)}
                  onDoubleClick={() => addAtView(type)}
                  role="button"
                  tabIndex={0}
                  aria-label={`Add ${NODE_TITLES[type]}`}
                  onKeyDown={(e) => {
                    if (e.key !== 'Enter' && e.key !== ' ') return;
                    e.preventDefault();
                    addAtView(type);
                  }}
                  title={`Drag onto the canvas, or double-click or press Enter to add (${NODE_HINTS[type]})`}
                >
                  <span className="palette-item-title">{NODE_TITLES[type]}</span>
                  <span className="palette-item-hint">{NODE_HINTS[type]}</span>
                </div>
              ))}
            </section>
          );
        })}
      </div>
      <p className="palette-tip">
        Press <kbd>/</kbd> or <kbd>Ctrl</kbd>+<kbd>K</kbd> to quick-add, <kbd>?</kbd> for all shortcuts
      </p>
    </aside>
  );
}
