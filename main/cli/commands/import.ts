import { writeFile } from 'node:fs/promises';
import { serializeDocument } from '../../../core/graph/document';
import { importModel } from '../../engine/import';

const USAGE = `Usage: deepwire import <model.json|model folder|file.keras|config.json|file.onnx> --out <graph.deepwire.json>
Opens a TF.js, Keras or ONNX model as a Deepwire graph (laid out and validated). No code from the file is run.
`;

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const at = args.indexOf('--out');
  const out = at >= 0 ? args[at + 1] : undefined;
  const positional = args.filter((a, i) => a !== '--out' && i !== at + 1);
  const [path, ...rest] = positional;
  if (!path || rest.length > 0 || !out) {
    process.stderr.write(`deepwire import: expected a model path and --out\n${USAGE}`);
    return 2;
  }
  try {
    const result = await importModel(path);
    await writeFile(out, serializeDocument(result.document));
    const params = result.weights.specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
    process.stdout.write(
      `imported ${result.source}: ${result.document.nodes.length} nodes, ${params.toLocaleString('en')} weights → ${out}\n`,
    );
    for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`deepwire import: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
