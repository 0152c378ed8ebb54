import type { BackupStore } from './backups';
import type { DatasetGrants } from './datasetGrants';
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
  /**
   * Dataset paths the user picked in a native dialog (Electron). Dataset specs may name only these
   * and, under the web host, paths inside the workspace; built-in datasets need neither.
   */
  datasetGrants?: DatasetGrants;
  /** Hot-exit backups of unsaved documents; without it backup calls answer `unsupported`. */
  backups?: BackupStore;
  /** How documents reach the disk (default: writeFileAtomic); tests inject disk-full and permission failures. */
  writeText?: (path: string, text: string) => Promise<void>;
}
