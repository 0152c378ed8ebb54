import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { TEMPLATES, getTemplate } from '../../../core/templates/index';
import { serializeDocument } from '../../../core/graph/document';

/** `deepwire template <name> [--out file]` and `deepwire template --list`. */
export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, list: { type: 'boolean', short: 'l' } },
    });
  } catch (e) {
    process.stderr.write(`deepwire template: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.list) {
    process.stdout.write(templateList());
    return 0;
  }
  const name = positionals[0];
  const template = name === undefined ? undefined : getTemplate(name);
  if (!template) {
    const why = name === undefined ? 'name a template' : `unknown template '${name}'`;
    process.stderr.write(`deepwire template: ${why}. Available templates:\n${templateList()}`);
    return 2;
  }
  const text = serializeDocument(template.build());
  if (values.out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  try {
    await writeFile(values.out, text, 'utf8');
  } catch (e) {
    process.stderr.write(
      `deepwire template: cannot write ${values.out}: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 2;
  }
  process.stdout.write(`Wrote ${template.title} to ${values.out}\n`);
  return 0;
}

function templateList(): string {
  const width = Math.max(...TEMPLATES.map((t) => t.id.length));
  return TEMPLATES.map((t) => `  ${t.id.padEnd(width)}  ${t.title}\n`).join('');
}
