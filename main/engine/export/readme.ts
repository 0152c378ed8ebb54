import { bundleReadme } from './bundle';
import type { ExportIr } from './ir';
import { describePreprocessing, PREPROCESSING_FILE, type Preprocessing } from './preprocessing';
import type { ExportFormat } from './types';

function inputText(ir: ExportIr, preprocessing: Preprocessing | null): string {
  const [h, w, c] = ir.input.shape;
  if (!preprocessing)
    return `Input: float32 images, ${h}×${w}×${c}, preprocessed as in training (this run recorded no preprocessing).`;
  return `Input: float32 images, standardised as in training: ${describePreprocessing(preprocessing)}. \`${PREPROCESSING_FILE}\` says exactly how (the same metadata travels inside the model file).`;
}

/** The README.md written beside every export: what the files are and how to use them. */
export function exportReadme(
  ir: ExportIr,
  format: ExportFormat,
  preprocessing: Preprocessing | null = null,
): string {
  const [h, w, c] = ir.input.shape;
  const head = `# ${ir.name}: Deepwire export (${format})\n\n${inputText(ir, preprocessing)} Output: ${ir.classes} class probabilities.\n\n`;
  switch (format) {
    case 'bundle':
      return bundleReadme(ir, preprocessing);
    case 'tfjs':
      return `${head}## TensorFlow.js LayersModel\n\n\`model.json\` + \`group1-shard1of1.bin\`. Load with \`tf.loadLayersModel('…/model.json')\` (browser) or through an IO handler in Node. Input layout NHWC \`[batch, ${h}, ${w}, ${c}]\`.\n\nDeepwire's custom layers (\`Deepwire>LRN\`, \`Deepwire>BinaryStep\`, \`Deepwire>ELU\`, \`Deepwire>ZeroPadChannels\`, \`Deepwire>SeededDropout\`) must be registered with \`tf.serialization.registerClass\` before loading a model that uses them.\n`;
    case 'onnx':
      return `${head}## ONNX (opset 13)\n\n\`model.onnx\`. Input \`input\`: **NHWC** float32 \`[batch, ${h}, ${w}, ${c}]\` (a Transpose to NCHW is inside the graph). Output \`probabilities\`: \`[batch, ${ir.classes}]\`.\n\n\`\`\`python\nimport onnxruntime as ort\nsession = ort.InferenceSession("model.onnx")\nprobs = session.run(["probabilities"], {"input": x_nhwc})[0]\n\`\`\`\n\nLRN uses ONNX's definition with alpha multiplied by the window size (ONNX divides by it; Deepwire/TF do not). Batch norm is in inference form; dropout is Identity.\n`;
    case 'keras':
      return `${head}## Keras 3 (.keras)\n\n\`model.keras\` holds config.json, metadata.json and model.weights.h5 in Keras 3's layout. Custom layers are in \`deepwire_layers.py\` (registered as \`Deepwire>LRN\`, \`Deepwire>BinaryStep\`, \`Deepwire>ChannelPad\`):\n\n\`\`\`python\nimport keras, deepwire_layers\nmodel = keras.saving.load_model("model.keras")\nprobs = model.predict(x_nhwc)\n\`\`\`\n`;
    case 'onnx-int8':
      return `${head}## ONNX int8 (QDQ, opset 13)\n\n\`model.int8.onnx\`: the same input \`input\` (NHWC float32 \`[batch, ${h}, ${w}, ${c}]\`) and output \`probabilities\` as the float export. Conv and Gemm weights are stored int8 (symmetric, one scale per output channel) and read through DequantizeLinear; their inputs pass through QuantizeLinear/DequantizeLinear with uint8 ranges calibrated on the run's training images (static). onnxruntime fuses these into integer kernels.\n\n\`quantization.json\`: the file sizes, the calibration images, and on the test split the float and int8 accuracy, their change and the top-1 agreement, measured in onnxruntime-node on these exact bytes.\n`;
    case 'pytorch':
      return `${head}## PyTorch\n\n- \`model.py\`: \`DeepwireModel\`, one attribute per graph node, NCHW inside. \`DeepwireModel()\` takes NHWC \`[batch, ${h}, ${w}, ${c}]\` like Deepwire; \`DeepwireModel(channels_first=True)\` takes NCHW. \`forward(x)\` returns probabilities, \`forward(x, logits=True)\` logits.\n- \`weights.bin\` + \`weights.json\`: the state_dict as little-endian float32 with an index (no pickle, no extra package). \`load_weights(model, folder)\` / \`save_weights(model, folder)\` are in model.py.\n- \`train.py\`: trains on an IDX folder (MNIST-style) or CIFAR-10 binary batches.\n\n### One process\n\n\`\`\`sh\npython3 train.py --data path/to/dataset --epochs 10 --out trained\n\`\`\`\n\n### One machine, several processes (DistributedDataParallel)\n\n\`\`\`sh\ntorchrun --nproc_per_node=4 train.py --data path/to/dataset --out trained\n\`\`\`\n\n(With Debian's torch 1.13 on Python 3.11, torchrun fails parsing its default \`--redirects\`; add \`--redirects 2 --tee 1\`.)\n\nUses NCCL with one GPU per process when CUDA is available, gloo on CPU. Each process sees its shard of each epoch (DistributedSampler); \`--batch-size\` is per process; rank 0 writes the weights.\n\n### Several machines\n\nRun the same command on every machine (same data path on each):\n\n\`\`\`sh\ntorchrun --nnodes=2 --nproc_per_node=4 --rdzv_backend=c10d \\\n  --rdzv_endpoint=HOST_OF_NODE0:29500 --rdzv_id=deepwire1 train.py --data path/to/dataset --out trained\n\`\`\`\n\nLoad the result with \`load_weights(DeepwireModel(), "trained")\`.\n`;
  }
}
