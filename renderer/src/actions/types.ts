import type { EditorState, StateUpdate } from '../store/types';

/** The bits of a keyboard event a shortcut looks at (a plain object in tests). */
export type KeyInput = {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
};

/**
 * An editor command (excalidraw style): a name, a label for menus and
 * tooltips, an optional shortcut, and a pure perform function from the state
 * (plus an argument) to the fields it changes.
 */
export type Action<Arg = void> = {
  readonly name: string;
  readonly label: string;
  readonly keyTest?: (event: KeyInput) => boolean;
  /** The shortcut as the shortcut sheet shows it ("Ctrl+Z"). */
  readonly keys?: string;
  readonly perform: (state: EditorState, arg: Arg) => StateUpdate;
};

export function defineAction<Arg = void>(action: Action<Arg>): Action<Arg> {
  return action;
}

/** Ctrl on Windows/Linux, Cmd on macOS: either counts. */
export function isMod(event: KeyInput): boolean {
  return event.ctrlKey || event.metaKey;
}
