import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../core/ipc/api';
import { createIpcTransport } from './ipcTransport';

// Only the domain verbs cross into the page; ipcRenderer itself never does.
contextBridge.exposeInMainWorld('deepwire', buildApi(createIpcTransport(ipcRenderer)));
