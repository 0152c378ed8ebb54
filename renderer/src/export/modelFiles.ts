/** Model files the importer understands; a folder's model.json is picked as the file itself. */
export const MODEL_FILE_EXTENSIONS = ['.json', '.keras', '.onnx'] as const;

export function isModelFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return MODEL_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** `model.json` → `model (imported)`: the title says where the graph came from until it is saved. */
export function importedTitle(fileName: string): string {
  const stem = fileName.replace(/\.(json|keras|onnx)$/i, '') || 'model';
  return `${stem} (imported)`;
}
