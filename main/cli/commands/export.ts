import {
  exportRun,
  formatVerification,
  isExportFormat,
  verificationFailed,
  EXPORT_FORMATS,
} from '../../engine/export';

const USAGE = `Usage: deepwire export <run-dir> --format ${EXPORT_FORMATS.join('|')} --out <folder> [--json]
Exports a finished run's model and checks the export against the trained model on one batch
(max abs difference ≤ 1e-4, or why a check could not run). Exit 1 when a check that ran failed.
`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const format = option(args, '--format');
  const out = option(args, '--out');
  const positional = args.filter(
    (a, i) => !a.startsWith('--') && !['--format', '--out'].includes(args[i - 1] ?? ''),
  );
  const [runDir, ...rest] = positional;
  if (!runDir || rest.length > 0 || !out || !isExportFormat(format)) {
    process.stderr.write(`deepwire export: expected a run folder, --format and --out\n${USAGE}`);
    return 2;
  }
  try {
    const result = await exportRun(runDir, { format, out });
    if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      for (const file of result.files) process.stdout.write(`wrote ${file}\n`);
      for (const v of result.verification) process.stdout.write(`${formatVerification(v)}\n`);
    }
    return result.verification.some(verificationFailed) ? 1 : 0;
  } catch (error) {
    process.stderr.write(`deepwire export: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
