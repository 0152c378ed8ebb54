/**
 * predict.mjs of the deploy bundle: model.onnx in onnxruntime-node on one
 * PNG/JPEG, with the same decoders (pngjs, jpeg-js) and the same resize and
 * normalisation as Deepwire's `predict` (main/engine/data/decode.ts
 * `toChannels`, batches.ts `normaliser`), so the probabilities agree to float
 * rounding. Packages are loaded through require, so NODE_PATH works too.
 */
export const PREDICT_MJS = `#!/usr/bin/env node
// Usage: node predict.mjs image.png [--json]
// Classifies one PNG or JPEG with model.onnx, preprocessed as preprocessing.json says.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');
const { PNG } = require('pngjs');
const jpeg = require('jpeg-js');
const here = dirname(fileURLToPath(import.meta.url));

function decode(bytes, file) {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 100, maxMemoryUsageInMB: 512 });
  }
  throw new Error(file + ' is neither a PNG nor a JPEG');
}

// Bilinear resize with half-pixel centres, alpha composited over black, rounded to bytes.
function toChannels(image, height, width, channels) {
  const out = new Uint8Array(height * width * channels);
  const scaleY = image.height / height;
  const scaleX = image.width / width;
  const pixel = new Float64Array(3);
  const add = (y, x, weight) => {
    if (weight === 0) return;
    const at = (y * image.width + x) * 4;
    const alpha = image.data[at + 3] / 255;
    for (let c = 0; c < 3; c++) pixel[c] += weight * alpha * image.data[at + c];
  };
  for (let y = 0; y < height; y++) {
    const sy = Math.min(Math.max((y + 0.5) * scaleY - 0.5, 0), image.height - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(Math.max((x + 0.5) * scaleX - 0.5, 0), image.width - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const fx = sx - x0;
      pixel.fill(0);
      add(y0, x0, (1 - fy) * (1 - fx));
      add(y0, x1, (1 - fy) * fx);
      add(y1, x0, fy * (1 - fx));
      add(y1, x1, fy * fx);
      const at = (y * width + x) * channels;
      if (channels === 1) out[at] = Math.round(pixel[0]);
      else for (let c = 0; c < 3; c++) out[at + c] = Math.round(pixel[c]);
    }
  }
  return out;
}

// (byte / 255 - mean) / std per channel, as float32; a constant channel (std ~ 0) is only centred.
function normalise(bytes, pre) {
  const channels = pre.inputShape[2];
  const scale = new Float32Array(channels);
  const shift = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const std = pre.std[c] > 1e-6 ? pre.std[c] : 1;
    scale[c] = 1 / (pre.pixelScale * std);
    shift[c] = -pre.mean[c] / std;
  }
  const x = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) x[i] = bytes[i] * scale[i % channels] + shift[i % channels];
  return x;
}

async function main(args) {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length !== 1) {
    process.stderr.write('Usage: node predict.mjs image.png [--json]\\n');
    return 2;
  }
  const pre = JSON.parse(readFileSync(join(here, 'preprocessing.json'), 'utf8'));
  const [height, width, channels] = pre.inputShape;
  const image = decode(readFileSync(files[0]), files[0]);
  const x = normalise(toChannels(image, height, width, channels), pre);
  const session = await ort.InferenceSession.create(join(here, 'model.onnx'));
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', x, [1, height, width, channels]) };
  const result = await session.run(feeds);
  const probs = Array.from(result[session.outputNames[0]].data);
  const classes = probs.map((probability, i) => ({ label: pre.classes[i] ?? String(i), probability }));
  const top = classes.reduce((a, b) => (b.probability > a.probability ? b : a));
  if (json) {
    process.stdout.write(JSON.stringify({ classes, top: top.label }) + '\\n');
    return 0;
  }
  const width0 = Math.max(...classes.map((c) => c.label.length));
  for (const { label, probability } of [...classes].sort((a, b) => b.probability - a.probability))
    process.stdout.write(label.padEnd(width0) + '  ' + (probability * 100).toFixed(1).padStart(5) + '%\\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write('predict.mjs: ' + (error instanceof Error ? error.message : String(error)) + '\\n');
    process.exitCode = 1;
  },
);
`;
