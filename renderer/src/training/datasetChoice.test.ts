import { describe, expect, it } from 'vitest';
import { datasetLabel, isCsvName, workspaceDatasetSpec } from './datasetChoice';

describe('dataset choice', () => {
  it('makes workspace-relative specs', () => {
    expect(workspaceDatasetSpec('folder', 'data/digits')).toBe('folder:data/digits');
    expect(workspaceDatasetSpec('csv', 'tables/iris.csv')).toBe('csv:tables/iris.csv');
  });

  it('labels a chosen dataset by its name only, never its host path', () => {
    expect(datasetLabel('folder:/home/ann/Documents/data/digits')).toBe('digits (folder)');
    expect(datasetLabel('csv:C:\\Users\\ann\\iris.csv')).toBe('iris.csv (CSV)');
    expect(datasetLabel('folder:data/digits/')).toBe('digits (folder)');
    expect(datasetLabel('folder:.')).toBe('workspace (folder)');
  });

  it('leaves built-in dataset ids as they are', () => {
    expect(datasetLabel('fashion-mnist')).toBe('fashion-mnist');
  });

  it('offers only .csv files as CSV datasets', () => {
    expect(isCsvName('Iris.CSV')).toBe(true);
    expect(isCsvName('model.json')).toBe(false);
  });
});
