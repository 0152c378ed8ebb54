import { useEffect, useRef } from 'react';
import type { Picture } from './colorScale';

/** Draws an RGBA picture pixel-exact, scaled up by CSS without smoothing (weights are a few pixels wide). */
export function PixelCanvas({
  picture,
  scale,
  title,
  testId,
}: {
  picture: Picture;
  scale: number;
  title?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || picture.width === 0 || picture.height === 0) return;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(picture.data), picture.width, picture.height), 0, 0);
  }, [picture]);
  return (
    <canvas
      ref={ref}
      className="pixel-canvas"
      width={picture.width}
      height={picture.height}
      style={{ width: picture.width * scale, height: picture.height * scale }}
      title={title}
      data-testid={testId}
    />
  );
}

/** A base64 PNG from the engine, drawn into a canvas (so it can be saved and checked like the others). */
export function PngCanvas({
  png,
  size,
  title,
  testId,
}: {
  png: string;
  size: number;
  title?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const image = new Image();
    let live = true;
    image.onload = () => {
      const canvas = ref.current;
      const ctx = canvas?.getContext('2d');
      if (!live || !canvas || !ctx) return;
      canvas.width = image.width;
      canvas.height = image.height;
      ctx.drawImage(image, 0, 0);
    };
    image.src = `data:image/png;base64,${png}`;
    return () => {
      live = false;
    };
  }, [png]);
  return (
    <canvas
      ref={ref}
      className="pixel-canvas"
      style={{ width: size, height: size }}
      title={title}
      data-testid={testId}
    />
  );
}
