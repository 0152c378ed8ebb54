/** Placeholder until the inspect command lands. */
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('deepwire inspect: not implemented yet\n');
  return 1;
}
