import { useEffect, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { Canvas } from '../canvas/Canvas';
import { DashboardOverlay } from '../dashboard/DashboardOverlay';
import { BackupOffer } from '../files/BackupOffer';
import { autoLayout } from '../files/fileCommands';
import { FileDialog } from '../files/FileDialog';
import { useHostStore } from '../files/hostStore';
import { ConfirmDialog, Toasts } from '../files/Overlays';
import { TemplateGallery } from '../files/TemplateGallery';
import { useHotExit } from '../files/useHotExit';
import { FIT_VIEW_OPTIONS, viewControls } from '../files/viewControls';
import { Inspector } from '../inspector/Inspector';
import { Palette } from '../palette/Palette';
import { QuickAdd } from '../palette/QuickAdd';
import { getApi } from '../platform/api';
import { isDirty, useEditorStore } from '../store/editorStore';
import { showToast } from '../store/uiStore';
import { Toolbar } from '../toolbar/Toolbar';
import { BottomPanel } from './BottomPanel';
import { handleEditorKey } from './keyboard';
import { MENU_ACTIONS } from './menuActions';
import { ShortcutSheet } from './ShortcutSheet';

/** Connects to the host (Electron preload or web socket), once. */
async function connectHost(): Promise<() => void> {
  try {
    const api = await getApi();
    const info = await api.app.info({});
    useHostStore.setState({ api, info, error: null });
    return api.menu.onAction(({ action }) => MENU_ACTIONS[action]?.());
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    useHostStore.setState({ error: message });
    showToast(
      'error',
      `Not connected to the Deepwire host: ${message}. Editing works; opening and saving do not.`,
    );
    return () => undefined;
  }
}

function Editor() {
  const [ready, setReady] = useState(false);
  const { fitView, setViewport } = useReactFlow();
  useHotExit();

  useEffect(() => {
    viewControls.fitView = () => void fitView(FIT_VIEW_OPTIONS);
    viewControls.resetView = () => void setViewport({ x: 0, y: 0, zoom: 1 });
  }, [fitView, setViewport]);

  useEffect(() => {
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    void Promise.all([connectHost(), autoLayout(true)]).then(([unsub]) => {
      if (cancelled) unsub();
      else {
        unsubscribe = unsub;
        setReady(true);
      }
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, []);

  useEffect(() => {
    window.addEventListener('keydown', handleEditorKey);
    return () => window.removeEventListener('keydown', handleEditorKey);
  }, []);

  useEffect(() => {
    // The browser's own guard; Electron's window close is guarded by the shell.
    const guard = (event: BeforeUnloadEvent) => {
      if (useHostStore.getState().info?.host !== 'web' || !isDirty(useEditorStore.getState())) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, []);

  return (
    <div className="app" data-testid={ready ? 'app-ready' : 'app-loading'}>
      <Toolbar />
      <Palette />
      <main className="centre">
        <Canvas />
      </main>
      <Inspector />
      <BottomPanel />
      <QuickAdd />
      <TemplateGallery />
      <ShortcutSheet />
      <FileDialog />
      <ConfirmDialog />
      <BackupOffer />
      <DashboardOverlay />
      <Toasts />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}
