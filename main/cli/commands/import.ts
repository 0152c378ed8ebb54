import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { serializeDocument } from '../../../core/graph/document';
import { importModel, writeImportedRun } from '../../engine/import';

const USAGE = `Usage: deepwire import <model.json|model folder|file.keras|config.json|file.onnx> --out <graph.deepwire.json> [--runs DIR]
Opens a TF.js, Keras or ONNX model as a Deepwire graph (laid out and validated), and keeps its weights
as a finished run in DIR (default ./runs), ready for 'deepwire predict', inspection and export.
No code from the file is run.
`;

const VALUE_FLAGS = ['--out', '--runs'] as const;

function parseArgs(args: string[]): { path?: string; out?: string; runs: string; extra: string[] } {
  const positional: string[] = [];
  const values: Partial<Record<(typeof VALUE_FLAGS)[number], string>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const flag = VALUE_FLAGS.find((f) => f === arg);
    if (flag) {
      values[flag] = args[i + 1];
      i++;
    } else positional.push(arg);
  }
  const [path, ...extra] = positional;
  return { path, out: values['--out'], runs: values['--runs'] ?? 'runs', extra };
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { path, out, runs, extra } = parseArgs(args);
  if (!path || extra.length > 0 || !out) {
    process.stderr.write(`deepwire import: expected a model path and --out\n${USAGE}`);
    return 2;
  }
  try {
    const result = await importModel(path);
    const kept = await writeImportedRun(resolve(runs), result, { fileName: basename(path) });
    await writeFile(out, serializeDocument(result.document));
    const params = result.weights.specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
    process.stdout.write(
      `imported ${result.source}: ${result.document.nodes.length} nodes, ${params.toLocaleString('en')} weights → ${out}\n`,
    );
    process.stdout.write(`weights kept as run ${kept.runId}: ${kept.runDir}\n`);
    for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`deepwire import: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
