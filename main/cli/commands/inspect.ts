import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseDocument } from '../../../core/graph/document';
import { analyzeGraph } from '../../../core/graph/validate';
import type { Problem } from '../../../core/graph/validate';
import { formatSummary, summarize } from '../../../core/graph/summary';

/** `deepwire inspect <file>`: the summary table and the problems; exit 1 on errors, 2 on unreadable files. */
export async function run(args: string[]): Promise<number> {
  let file: string | undefined;
  try {
    file = parseArgs({ args, allowPositionals: true, options: {} }).positionals[0];
  } catch (e) {
    process.stderr.write(`deepwire inspect: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (file === undefined) {
    process.stderr.write('Usage: deepwire inspect <file.deepwire.json>\n');
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const reason = e instanceof Error && 'code' in e && e.code === 'ENOENT' ? 'no such file' : String(e);
    process.stderr.write(`deepwire inspect: cannot read ${file}: ${reason}\n`);
    return 2;
  }
  const parsed = parseDocument(text);
  if (!parsed.ok) {
    process.stderr.write(
      `deepwire inspect: ${file} is not a valid Deepwire graph.\n${parsed.error.message}\n`,
    );
    return 2;
  }
  const doc = parsed.document;
  const { inference, problems } = analyzeGraph(doc);
  const out: string[] = [`${doc.name}  (${file})`];
  if (parsed.migratedFrom !== null) out.push(`(migrated from document version ${parsed.migratedFrom})`);
  out.push('', formatSummary(summarize(doc, inference)), formatProblems(problems));
  process.stdout.write(out.join('\n'));
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

function formatProblems(problems: Problem[]): string {
  if (problems.length === 0) return 'No problems.\n';
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const lines = problems.map((p) => {
    const where = p.nodeId ?? p.edgeId;
    const fixes = (p.fixes ?? []).map((f) => `\n      fix: ${f.label}`).join('');
    return `  ${p.severity === 'error' ? 'error  ' : 'warning'} ${p.code}${where ? ` [${where}]` : ''}: ${p.message}${fixes}`;
  });
  return `Problems: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n${lines.join('\n')}\n`;
}
