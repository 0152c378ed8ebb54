import type { ExportIr } from '../ir';
import { describePreprocessing, type Preprocessing } from '../preprocessing';

/** README.md of the deploy bundle: what each file is, and the model used in three commands. */
export function bundleReadme(ir: ExportIr, preprocessing: Preprocessing | null): string {
  const pre = preprocessing ? describePreprocessing(preprocessing) : 'see preprocessing.json';
  return `# ${ir.name}: Deepwire deploy bundle

Everything needed to classify pictures with this model outside Deepwire.

| File | What it is |
| --- | --- |
| \`model.onnx\` | The trained model (ONNX opset 13). Input \`input\`: NHWC float32; output \`probabilities\`: ${ir.classes} classes. |
| \`preprocessing.json\` | How a picture becomes the input: ${pre}. The same metadata is inside \`model.onnx\` (\`metadata_props\`, key \`deepwire.preprocessing\`). |
| \`predict.mjs\` | Node.js: \`node predict.mjs image.png [--json]\` prints the probability of each class. |
| \`package.json\` | predict.mjs's dependencies: \`onnxruntime-node\`, and \`pngjs\` and \`jpeg-js\` (the decoders Deepwire uses, so results match it). |
| \`predict.py\` | Python: \`python3 predict.py image.png [--json]\` with onnxruntime, numpy and Pillow. |

## Use it in three commands

\`\`\`sh
deepwire export runs/<run-id> --format bundle --out my-model
cd my-model && npm install
node predict.mjs digit.png --json
\`\`\`

Python instead: \`pip install onnxruntime numpy pillow && python3 predict.py digit.png\`.

## Preprocessing

1. Decode the PNG or JPEG to RGBA bytes; composite alpha over black.
2. Resize to the input's height × width, bilinear with half-pixel centres; round to bytes.
3. Keep 1 channel (the red one, for gray pictures) or RGB, as \`channelOrder\` says.
4. \`x = (byte / 255 − mean[c]) / std[c]\`, float32, NHWC \`[1, height, width, channels]\`.

predict.mjs gives the probabilities of Deepwire's own \`deepwire predict\` to within 1e-4. predict.py applies the same steps;
Pillow's JPEG decoder can differ from jpeg-js by a level on some pixels, so JPEG results may differ slightly.
`;
}
