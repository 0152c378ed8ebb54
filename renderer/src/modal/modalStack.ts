/**
 * The open modal dialogs, innermost last. While one is open everything
 * outside it is `inert` (no clicks, no focus, hidden from assistive tech),
 * Tab cycles inside it and Escape closes it; closing gives focus back.
 */
type Entry = {
  readonly element: HTMLElement;
  readonly close: () => void;
  readonly returnFocus: Element | null;
};

const stack: Entry[] = [];
const madeInert = new Set<HTMLElement>();

/** Elements that stay live under a dialog: messages about what the dialog did. */
const KEEP_LIVE = '.toasts, .file-notices';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function modalOpen(): boolean {
  return stack.length > 0;
}

function refreshInert(): void {
  for (const element of madeInert) element.inert = false;
  madeInert.clear();
  const top = stack.at(-1)?.element;
  if (!top) return;
  // Walk up from the dialog, making every sibling on the way inert: what is left live is the dialog.
  for (let node: HTMLElement = top; node.parentElement && node !== document.body; node = node.parentElement) {
    for (const sibling of node.parentElement.children) {
      if (sibling === node || !(sibling instanceof HTMLElement) || sibling.inert) continue;
      if (sibling.matches(KEEP_LIVE)) continue;
      sibling.inert = true;
      madeInert.add(sibling);
    }
  }
}

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

function onKeyDown(event: KeyboardEvent): void {
  const top = stack.at(-1);
  if (!top || event.defaultPrevented) return;
  if (event.key === 'Escape') {
    event.preventDefault();
    top.close();
    return;
  }
  if (event.key !== 'Tab') return;
  const items = focusables(top.element);
  const first = items[0];
  const last = items.at(-1);
  const active = document.activeElement;
  if (!first || !last) {
    event.preventDefault();
    top.element.focus();
  } else if (event.shiftKey && (active === first || !top.element.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !top.element.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/** Registers an open dialog; the returned function unregisters it and restores focus. */
export function pushModal(element: HTMLElement, close: () => void, returnFocus: Element | null): () => void {
  if (stack.length === 0) window.addEventListener('keydown', onKeyDown);
  const entry = { element, close, returnFocus };
  stack.push(entry);
  refreshInert();
  if (!element.contains(document.activeElement)) (focusables(element)[0] ?? element).focus();
  return () => {
    const index = stack.indexOf(entry);
    if (index >= 0) stack.splice(index, 1);
    refreshInert();
    if (stack.length === 0) window.removeEventListener('keydown', onKeyDown);
    const back = entry.returnFocus;
    if (back instanceof HTMLElement && back.isConnected && !back.closest('[inert]')) back.focus();
  };
}
