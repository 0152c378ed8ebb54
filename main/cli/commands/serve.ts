/** Placeholder until the serve command lands. */
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('deepwire serve: not implemented yet\n');
  return 1;
}
