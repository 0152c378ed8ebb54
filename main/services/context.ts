import type { BackupStore } from './backups';
import type { FileStore, NativeDialogs } from './fileStore';
import type { RecentFiles } from './recentFiles';
import type { TrainingService } from './training';

/** Everything the call handlers need from the host they run in (Electron main or the web host). */
export interface HostContext {
  host: 'electron' | 'web';
  version: string;
  files: FileStore;
  recent: RecentFiles;
  /** Native dialogs (Electron); the web host's renderer browses the workspace instead. */
  dialogs?: NativeDialogs;
  /** Shown in app.info under the web host: the workspace folder the browser may use. */
  workspace?: string;
  /** The training engine, once wired in; until then training calls answer `unsupported`. */
  training?: TrainingService;
  /** Hot-exit backups of unsaved documents; without it backup calls answer `unsupported`. */
  backups?: BackupStore;
  /** How documents reach the disk (default: writeFileAtomic); tests inject disk-full and permission failures. */
  writeText?: (path: string, text: string) => Promise<void>;
}
