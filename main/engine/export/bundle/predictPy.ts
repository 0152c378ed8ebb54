/**
 * predict.py of the deploy bundle: the same preprocessing as predict.mjs in
 * numpy (half-pixel bilinear resize, alpha over black, rounding half up like
 * JavaScript's Math.round), model.onnx in Python's onnxruntime. Pillow
 * decodes; its JPEG decoder may differ from jpeg-js by a level here and there.
 */
export const PREDICT_PY = `#!/usr/bin/env python3
"""Usage: python3 predict.py image.png [--json]

Classifies one PNG or JPEG with model.onnx, preprocessed as preprocessing.json says.
Needs: pip install onnxruntime numpy pillow
"""
import json
import os
import sys

import numpy as np
import onnxruntime as ort
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def resize_axis(source, target):
    scale = source / target
    s = np.clip((np.arange(target) + 0.5) * scale - 0.5, 0, source - 1)
    i0 = np.floor(s).astype(np.int64)
    i1 = np.minimum(i0 + 1, source - 1)
    return i0, i1, s - i0


def to_channels(rgba, height, width, channels):
    """Bilinear resize with half-pixel centres, alpha composited over black, rounded to bytes."""
    src = rgba.astype(np.float64)
    premultiplied = src[:, :, :3] * (src[:, :, 3:4] / 255.0)
    y0, y1, fy = resize_axis(rgba.shape[0], height)
    x0, x1, fx = resize_axis(rgba.shape[1], width)
    fy = fy[:, None, None]
    fx = fx[None, :, None]
    out = (
        premultiplied[y0][:, x0] * ((1 - fy) * (1 - fx))
        + premultiplied[y0][:, x1] * ((1 - fy) * fx)
        + premultiplied[y1][:, x0] * (fy * (1 - fx))
        + premultiplied[y1][:, x1] * (fy * fx)
    )
    out = np.floor(out + 0.5).astype(np.uint8)
    return out[:, :, :1] if channels == 1 else out


def normalise(pixels, pre):
    std = np.array([s if s > 1e-6 else 1.0 for s in pre["std"]], dtype=np.float64)
    scale = (1.0 / (pre["pixelScale"] * std)).astype(np.float32)
    shift = (-np.array(pre["mean"], dtype=np.float64) / std).astype(np.float32)
    return pixels.astype(np.float32) * scale + shift


def main(args):
    as_json = "--json" in args
    files = [a for a in args if a != "--json"]
    if len(files) != 1:
        sys.stderr.write("Usage: python3 predict.py image.png [--json]\\n")
        return 2
    with open(os.path.join(HERE, "preprocessing.json")) as f:
        pre = json.load(f)
    height, width, channels = pre["inputShape"]
    rgba = np.asarray(Image.open(files[0]).convert("RGBA"))
    x = normalise(to_channels(rgba, height, width, channels), pre)[None]
    session = ort.InferenceSession(os.path.join(HERE, "model.onnx"), providers=["CPUExecutionProvider"])
    probs = session.run(None, {session.get_inputs()[0].name: x})[0][0]
    labels = pre["classes"]
    classes = [{"label": labels[i] if i < len(labels) else str(i), "probability": float(p)} for i, p in enumerate(probs)]
    top = max(classes, key=lambda c: c["probability"])
    if as_json:
        print(json.dumps({"classes": classes, "top": top["label"]}))
        return 0
    width0 = max(len(c["label"]) for c in classes)
    for c in sorted(classes, key=lambda c: -c["probability"]):
        print(f"{c['label'].ljust(width0)}  {c['probability'] * 100:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
`;
