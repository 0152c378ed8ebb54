export { createInspector, type InsightChannel, type InspectJob, type Inspector } from './inspector';
export { createProcessInspector } from './process';
export { createInsightHandlers, type InsightHandlers } from './service';
