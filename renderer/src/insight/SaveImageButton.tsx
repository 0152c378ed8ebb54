import type { RefObject } from 'react';

function download(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** Serialises an SVG with its namespace so it opens on its own. */
export function svgToText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(clone);
}

/**
 * Several canvases (a grid of filters or maps) composed into one picture at
 * their on-screen positions and sizes, on the panel's background.
 */
function composeCanvases(root: HTMLElement): HTMLCanvasElement {
  const box = root.getBoundingClientRect();
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.ceil(box.width));
  out.height = Math.max(1, Math.ceil(box.height));
  const ctx = out.getContext('2d');
  if (!ctx) return out;
  ctx.fillStyle = '#181b21';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.imageSmoothingEnabled = false;
  for (const canvas of root.querySelectorAll('canvas')) {
    const r = canvas.getBoundingClientRect();
    ctx.drawImage(canvas, r.left - box.left, r.top - box.top, r.width, r.height);
  }
  return out;
}

/** Saves what `target` shows: an <svg> as SVG, a <canvas> or a block of canvases as PNG. */
export function saveImage(target: Element, baseName: string): void {
  if (target instanceof SVGSVGElement) {
    const blob = new Blob([svgToText(target)], { type: 'image/svg+xml' });
    const url = URL.createObjectURL(blob);
    download(url, `${baseName}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 0);
    return;
  }
  const canvas = target instanceof HTMLCanvasElement ? target : composeCanvases(target as HTMLElement);
  canvas.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    download(url, `${baseName}.png`);
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }, 'image/png');
}

/** The one "save as picture" button every chart and picture of the inside views carries. */
export function SaveImageButton({ target, name }: { target: RefObject<Element | null>; name: string }) {
  return (
    <button
      className="save-image"
      title="Save as picture"
      aria-label={`Save ${name} as a picture`}
      data-testid={`save-${name}`}
      onClick={() => {
        const element = target.current;
        if (element) saveImage(element, name);
      }}
    >
      Save
    </button>
  );
}
