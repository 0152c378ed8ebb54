import { KEYBOARD_ACTIONS } from '../actions/registry';
import { Modal } from '../modal/Modal';
import { useUiStore } from '../store/uiStore';
import { APP_SHORTCUTS } from './keyboard';

function close(): void {
  useUiStore.setState({ shortcutsOpen: false });
}

/** Every keyboard shortcut, from the registered actions and the app's own keys (`?` opens it). */
export function ShortcutSheet() {
  const open = useUiStore((s) => s.shortcutsOpen);
  if (!open) return null;
  const rows = [
    ...KEYBOARD_ACTIONS.flatMap((a) => (a.keys ? [{ keys: a.keys, label: a.label }] : [])),
    ...APP_SHORTCUTS,
  ];
  return (
    <Modal
      label="Keyboard shortcuts"
      onClose={close}
      className="dialog shortcut-sheet"
      testId="shortcut-sheet"
    >
      <div className="dialog-title-row">
        <h2>Keyboard shortcuts</h2>
        <button onClick={close} aria-label="Close shortcuts">
          ✕
        </button>
      </div>
      <table>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.keys} ${row.label}`}>
              <th scope="row">
                <kbd>{row.keys}</kbd>
              </th>
              <td>{row.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
