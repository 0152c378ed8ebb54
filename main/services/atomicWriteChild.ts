import { writeFileAtomic } from './atomicWrite';

/**
 * Test helper run as a child process by atomicWrite.kill.test.ts: saves two
 * large documents in turn, forever, announcing each save's start and end on
 * stdout so the test can kill it at a chosen moment without sleeping.
 */
const [path, sizeArg] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: atomicWriteChild <path> <payloadChars>');
const size = Number(sizeArg ?? '1000000');

function documentText(generation: number, payloadChars: number): string {
  const fill = generation % 2 === 0 ? 'a' : 'b';
  return JSON.stringify({ generation, payload: fill.repeat(payloadChars) });
}

async function main(file: string): Promise<void> {
  for (let generation = 1; ; generation++) {
    process.stdout.write(`begin ${generation}\n`);
    await writeFileAtomic(file, documentText(generation, size));
    process.stdout.write(`end ${generation}\n`);
  }
}

void main(path);
