/**
 * CLI entry: `deepwire <command> …`. Each command lives in its own module and
 * returns the process exit code; this file only dispatches and prints usage.
 */
type Command = { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  template: {
    summary: 'template <name> [--out file]   write a built-in template',
    load: () => import('./commands/template'),
  },
  inspect: {
    summary: 'inspect <file>                 print the summary table and problems',
    load: () => import('./commands/inspect'),
  },
  doctor: {
    summary: 'doctor [--backend B] [--json]  report which training backends work here and why',
    load: () => import('./commands/doctor'),
  },
  train: {
    summary:
      'train <graph|template> [--dataset D] [--epochs N] [--json] …  train in its own process (--help)',
    load: () => import('./commands/train'),
  },
  compare: {
    summary:
      'compare <graph|template> <graph|template> … [train options] [--out dir]  train each, table + SVG',
    load: () => import('./commands/compare'),
  },
  predict: {
    summary: 'predict <run-dir> <image.png>  class probabilities from a finished run',
    load: () => import('./commands/predict'),
  },
  export: {
    summary: 'export <run-dir> --format tfjs|onnx|keras|pytorch --out <dir>  export a run, verified',
    load: () => import('./commands/export'),
  },
  import: {
    summary: 'import <model> --out <graph.deepwire.json>  open a TF.js/Keras/ONNX model as a graph',
    load: () => import('./commands/import'),
  },
  serve: {
    summary: 'serve [--port N] [--workspace dir] [--open]  serve the editor to a browser on 127.0.0.1',
    load: () => import('./commands/serve'),
  },
};

export function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  deepwire ${c.summary}`);
  return `Usage:\n${lines.join('\n')}\n`;
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`deepwire: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const module = await command.load();
  return module.run(rest);
}
