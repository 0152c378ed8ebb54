import { useEffect, useMemo, useRef, useState } from 'react';
import { divergingColor, maxAbs, type Picture } from './colorScale';
import { correlate2d, formatKernel, KERNEL_PRESETS, parseKernel, toGray, type Kernel } from './edgeMap';
import { PixelCanvas, PngCanvas } from './PixelCanvas';
import { SaveImageButton } from './SaveImageButton';
import { CallStatus, useCall } from './useCall';

/** Decodes a base64 PNG to RGBA in the page (the renderer has no image library, the browser is one). */
function usePngPixels(png: string | null): { width: number; height: number; rgba: Uint8ClampedArray } | null {
  const [pixels, setPixels] = useState<{ width: number; height: number; rgba: Uint8ClampedArray } | null>(
    null,
  );
  useEffect(() => {
    if (!png) return;
    const image = new Image();
    let live = true;
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d');
      if (!ctx || !live) return;
      ctx.drawImage(image, 0, 0);
      setPixels({
        width: image.width,
        height: image.height,
        rgba: ctx.getImageData(0, 0, image.width, image.height).data,
      });
    };
    image.src = `data:image/png;base64,${png}`;
    return () => {
      live = false;
    };
  }, [png]);
  return pixels;
}

function edgePicture(values: Float32Array, width: number, height: number): Picture {
  const scale = maxAbs(values);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const rgb = divergingColor((values[i] ?? 0) / scale);
    data.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
  }
  return { width, height, data };
}

/**
 * Hand-set a kernel (a preset such as [−1, 1] or Sobel, or typed numbers)
 * and see its response on a dataset picture: the primer's edge detector,
 * computed as a plain cross-correlation in the page.
 */
export function KernelEditor() {
  const [spec, setSpec] = useState('digits');
  const [index, setIndex] = useState(0);
  const [text, setText] = useState(formatKernel(KERNEL_PRESETS[0]?.kernel ?? [[-1, 1]]));
  const kernel: Kernel | null = parseKernel(text);
  const sample = useCall(`${spec}/${index}`, (api) => api.dataset.sample({ spec, split: 'train', index }));
  const pixels = usePngPixels(sample.status === 'done' ? sample.value.png : null);
  const edge = useMemo(() => {
    if (!pixels || !kernel) return null;
    const gray = toGray(pixels.rgba, pixels.width, pixels.height);
    const out = correlate2d(gray, pixels.width, pixels.height, kernel);
    return out.width > 0 && out.height > 0 ? edgePicture(out.values, out.width, out.height) : null;
  }, [pixels, kernel]);
  const ref = useRef<HTMLDivElement>(null);
  return (
    <div data-testid="kernel-editor">
      <div className="insight-controls">
        <select
          aria-label="Kernel preset"
          onChange={(e) => {
            const preset = KERNEL_PRESETS.find((p) => p.id === e.target.value);
            if (preset) setText(formatKernel(preset.kernel));
          }}
        >
          {KERNEL_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <input
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label="Kernel rows"
        data-testid="kernel-text"
        title="Rows separated by ';', numbers by spaces"
        style={{ width: '100%', fontFamily: 'var(--mono)' }}
      />
      {!kernel && <div className="insight-error">Rows of equal length, up to 9×9, numbers only.</div>}
      <div className="insight-controls">
        <select value={spec} onChange={(e) => setSpec(e.target.value)} aria-label="Sample dataset">
          <option value="digits">digits</option>
          <option value="shapes:28:gray">shapes</option>
        </select>
        <button aria-label="Next picture" onClick={() => setIndex((i) => i + 1)}>
          next picture
        </button>
      </div>
      <CallStatus state={sample} what="sample" />
      <div ref={ref} className="insight-controls">
        {sample.status === 'done' && <PngCanvas png={sample.value.png} size={84} title="input" />}
        {edge && <PixelCanvas picture={edge} scale={3} title="edge map" testId="edge-map-canvas" />}
      </div>
      <SaveImageButton target={ref} name="edge-map" />
    </div>
  );
}
