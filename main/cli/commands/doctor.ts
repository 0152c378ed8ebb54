import {
  BACKEND_ORDER,
  BackendUnavailableError,
  checkGradientsAgainstCpu,
  formatBackendReport,
  initBackend,
  isBackendName,
  type BackendReport,
} from '../../engine/backends';

const USAGE = `Usage: deepwire doctor [--backend ${BACKEND_ORDER.join('|')}] [--json]
Reports which training backends work here, why the others do not, and checks
the chosen one's convolution gradients against the pure-JS reference.
`;

type DoctorArgs = { force?: (typeof BACKEND_ORDER)[number]; json: boolean };

function parseArgs(args: string[]): DoctorArgs | string {
  const parsed: DoctorArgs = { json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') parsed.json = true;
    else if (arg === '--backend') {
      const value = args[++i] ?? '';
      if (!isBackendName(value)) return `unknown backend '${value}'`;
      parsed.force = value;
    } else return `unknown argument '${arg}'`;
  }
  return parsed;
}

/** `deepwire doctor`: exit 0 when training can run correctly here, 1 otherwise. */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`deepwire doctor: ${parsed}\n${USAGE}`);
    return 2;
  }
  let report: BackendReport;
  try {
    report = await initBackend(parsed.force ? { force: parsed.force } : {});
  } catch (error) {
    if (!(error instanceof BackendUnavailableError)) throw error;
    if (parsed.json)
      process.stdout.write(`${JSON.stringify({ ok: false, ...error.report, error: error.message })}\n`);
    else
      process.stderr.write(
        `${formatBackendReport(error.report).split('\n').slice(0, -1).join('\n')}\n${error.message}\n`,
      );
    return 1;
  }
  const check = await checkGradientsAgainstCpu();
  if (parsed.json) {
    process.stdout.write(`${JSON.stringify({ ok: check.ok, ...report, gradientCheck: check })}\n`);
  } else {
    process.stdout.write(`${formatBackendReport(report)}\n${check.ok ? '✓' : '✗'} ${check.detail}\n`);
  }
  return check.ok ? 0 : 1;
}
