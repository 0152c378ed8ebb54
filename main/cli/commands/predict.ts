import { writeFile } from 'node:fs/promises';
import { camPictureForFile } from '../../engine/inspect/camPicture';
import { predictImage } from '../../engine/train/predict';

const USAGE = `Usage: deepwire predict <run-dir> <image.png|jpg> [--json] [--cam out.png [--cam-layer NODE] [--cam-class C]]
Classifies one picture with a finished run's model and prints the class probabilities.
  --cam out.png      also write a Grad-CAM heatmap over the picture (PNG)
  --cam-layer NODE   the conv layer to take it at (default: the last one)
  --cam-class C      the class to explain, by name or index (default: the predicted one)
`;

const CAM_FLAGS = ['--cam', '--cam-layer', '--cam-class'] as const;

/** Takes `--flag value` pairs out of the arguments; a flag without its value is an error. */
function takeValues(args: string[]): { rest: string[]; values: Map<string, string> } | string {
  const rest: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!(CAM_FLAGS as readonly string[]).includes(arg)) {
      rest.push(arg);
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
    values.set(arg, value);
    i++;
  }
  return { rest, values };
}

/** Writes the Grad-CAM overlay and says what it shows. */
async function writeCam(runDir: string, image: string, file: string, values: Map<string, string>) {
  const cam = await camPictureForFile(runDir, image, {
    nodeId: values.get('--cam-layer'),
    className: values.get('--cam-class'),
  });
  await writeFile(file, cam.png);
  return { file, layer: cam.nodeId, class: cam.classes[cam.classIndex], size: [cam.height, cam.width] };
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const json = args.includes('--json');
  const parsed = takeValues(args.filter((a) => a !== '--json'));
  if (typeof parsed === 'string') {
    process.stderr.write(`deepwire predict: ${parsed}\n${USAGE}`);
    return 2;
  }
  const [runDir, image, ...rest] = parsed.rest;
  const camFile = parsed.values.get('--cam');
  if (!runDir || !image || rest.length > 0 || (!camFile && parsed.values.size > 0)) {
    process.stderr.write(
      `deepwire predict: expected a run folder and one image (--cam-* need --cam)\n${USAGE}`,
    );
    return 2;
  }
  try {
    const prediction = await predictImage(runDir, image);
    const camSummary = camFile ? await writeCam(runDir, image, camFile, parsed.values) : null;
    if (json) {
      process.stdout.write(
        `${JSON.stringify(camSummary ? { ...prediction, cam: camSummary } : prediction)}\n`,
      );
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
    process.stdout.write(`(ran on ${prediction.engine})\n`);
    if (camSummary)
      process.stdout.write(
        `Grad-CAM for ${camSummary.class} at ${camSummary.layer} (${camSummary.size.join('×')}) → ${camSummary.file}\n`,
      );
    return 0;
  } catch (error) {
    process.stderr.write(`deepwire predict: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
