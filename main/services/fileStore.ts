import type { CallResponse } from '../../core/ipc/contract';

/**
 * How a host maps the renderer's file ids to real paths. The web host uses
 * workspace-relative paths confined to one folder; Electron uses opaque
 * tokens for paths the user picked in a native dialog, so the renderer never
 * names a path itself.
 */
export interface FileStore {
  /** The absolute path of an existing file the id may read. */
  pathForRead(fileId: string): Promise<string>;
  /** The absolute path the id may write (the file may not exist yet; its folder must). */
  pathForWrite(fileId: string): Promise<string>;
  /** The id under which the renderer may address `path`, or undefined if it may not. */
  idFor(path: string): string | undefined;
  /** A short human description of where `path` lives, for the recent list. */
  locationOf(path: string): string;
  /** Folder browsing and save-as naming, where the host offers them (web host). */
  list?(dir: string | undefined): Promise<CallResponse<'file.list'>>;
  create?(dir: string | undefined, name: string): Promise<CallResponse<'file.create'>>;
}

/** The user's file picker, where the host has one (Electron's native dialogs). */
export interface NativeDialogs {
  /** The chosen file's absolute path, or null when cancelled. */
  open(sender: CallSender): Promise<string | null>;
  save(suggestedName: string, sender: CallSender): Promise<string | null>;
  /** A dataset folder or CSV file's absolute path, or null when cancelled. */
  openDataset?(what: 'folder' | 'file', sender: CallSender): Promise<string | null>;
}

/** Who made a call: lets Electron parent its dialogs on the calling window. */
export interface CallSender {
  windowId?: number;
}
