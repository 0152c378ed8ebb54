import { useState, type KeyboardEvent } from 'react';
import { NODE_TITLES } from '../../../core/graph/defaults';
import { useAddNodeAtView } from '../canvas/useAddNode';
import { Modal } from '../modal/Modal';
import { useUiStore } from '../store/uiStore';
import { NODE_HINTS, searchNodeTypes } from './paletteGroups';

function close(): void {
  useUiStore.setState({ quickAddOpen: false });
}

/** The keyboard way to add a layer: type to filter, arrows to choose, Enter to add. */
export function QuickAdd() {
  const open = useUiStore((s) => s.quickAddOpen);
  if (!open) return null;
  return <QuickAddBox />;
}

function QuickAddBox() {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const addAtView = useAddNodeAtView();
  const matches = searchNodeTypes(query);
  const chosen = matches[Math.min(active, matches.length - 1)];

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, matches.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter' && chosen) {
      addAtView(chosen);
      close();
    } else return;
    event.preventDefault();
  };

  return (
    <Modal label="Add a layer" onClose={close} className="quick-add" testId="quick-add">
      <input
        autoFocus
        className="quick-add-input"
        data-testid="quick-add-input"
        placeholder="Add a layer…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="quick-add-list">
        {matches.map((type) => (
          <li
            key={type}
            className={type === chosen ? 'active' : undefined}
            onMouseEnter={() => setActive(matches.indexOf(type))}
            onClick={() => {
              addAtView(type);
              close();
            }}
          >
            <span>{NODE_TITLES[type]}</span>
            <span className="hint">{NODE_HINTS[type]}</span>
          </li>
        ))}
        {matches.length === 0 && <li className="empty">No layer matches “{query}”</li>}
      </ul>
    </Modal>
  );
}
