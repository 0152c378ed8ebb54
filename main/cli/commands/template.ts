/** Placeholder until the template command lands. */
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('deepwire template: not implemented yet\n');
  return 1;
}
