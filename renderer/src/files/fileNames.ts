export const DOCUMENT_EXTENSION = '.deepwire.json';

/** "My net" → "My net.deepwire.json"; names that already end right are kept. */
export function withDocumentExtension(name: string): string {
  const trimmed = name.trim();
  if (trimmed.toLowerCase().endsWith(DOCUMENT_EXTENSION)) return trimmed;
  return `${trimmed.replace(/\.json$/i, '')}${DOCUMENT_EXTENSION}`;
}

/** "resnet.deepwire.json" → "resnet": the name shown in the title bar. */
export function displayName(fileName: string): string {
  return fileName.replace(/\.deepwire\.json$/i, '').replace(/\.json$/i, '');
}

/** Characters that are unsafe in file names on some platform become "-". */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '-' : ch))
    .join('')
    .trim();
  return cleaned === '' ? 'untitled' : cleaned;
}
