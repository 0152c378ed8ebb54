import { predictImage } from '../../engine/train/predict';

const USAGE = `Usage: deepwire predict <run-dir> <image.png|jpg> [--json]
Classifies one picture with a finished run's model and prints the class probabilities.
`;

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const json = args.includes('--json');
  const [runDir, image, ...rest] = args.filter((a) => a !== '--json');
  if (!runDir || !image || rest.length > 0) {
    process.stderr.write(`deepwire predict: expected a run folder and one image\n${USAGE}`);
    return 2;
  }
  try {
    const prediction = await predictImage(runDir, image);
    if (json) {
      process.stdout.write(`${JSON.stringify(prediction)}\n`);
      return 0;
    }
    const sorted = [...prediction.classes].sort((a, b) => b.probability - a.probability);
    const width = Math.max(...sorted.map((c) => c.label.length));
    for (const { label, probability } of sorted) {
      const bar = '█'.repeat(Math.round(probability * 30));
      process.stdout.write(
        `${label.padEnd(width)}  ${(probability * 100).toFixed(1).padStart(5)}%  ${bar}\n`,
      );
    }
    return 0;
  } catch (error) {
    process.stderr.write(`deepwire predict: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
