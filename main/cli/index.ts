/** CLI entry: `deepwire <command> …`. Returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command] = argv;
  process.stderr.write(`deepwire: unknown command '${command ?? ''}'\n`);
  return 2;
}
