import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { camOverlay, overlayScale } from '../../../core/insight/camOverlay';
import { initBackend } from '../backends';
import type { ImageShape } from '../data';
import { decodeImage, toChannels } from '../data/decode';
import { normaliseInput } from './activations';
import { gradCam, type GradCam } from './gradcam';
import { InspectError, loadRun } from './loadRun';

/** The picture (HWC bytes) enlarged to ~224 px with the map blended over it, as PNG bytes. */
export function camOverlayPng(pixels: Uint8Array, shape: ImageShape, cam: GradCam): Buffer {
  const [height, width, channels] = shape;
  const overlay = camOverlay(
    { pixels, height, width, channels },
    { values: cam.values, height: cam.height, width: cam.width },
    { scale: overlayScale(height, width), alpha: 0.45 },
  );
  const png = new PNG({ width: overlay.width, height: overlay.height });
  png.data.set(overlay.data);
  return PNG.sync.write(png);
}

export interface CamPicture extends GradCam {
  classes: string[];
  /** The overlay (the picture as the net sees it, enlarged, heat blended over it) as PNG bytes. */
  png: Buffer;
}

/**
 * Grad-CAM for a picture file, drawn as the app draws it: the CLI's
 * `predict --cam`. `classIndex` may also be given by class name.
 */
export async function camPictureForFile(
  runDir: string,
  imageFile: string,
  opts: { nodeId?: string | undefined; className?: string | undefined } = {},
): Promise<CamPicture> {
  await initBackend({ force: 'cpu' });
  const run = await loadRun(runDir);
  try {
    const [height, width, channels] = run.inputShape;
    if (channels !== 1 && channels !== 3)
      throw new InspectError('bad-request', `cannot feed a picture to a ${channels}-channel input`, 'image');
    const pixels = toChannels(
      decodeImage(new Uint8Array(await readFile(imageFile)), imageFile),
      height,
      width,
      channels,
    );
    const classes = run.norm.classes;
    let classIndex: number | undefined;
    if (opts.className !== undefined) {
      classIndex = classes.indexOf(opts.className);
      if (classIndex < 0 && /^\d+$/.test(opts.className)) classIndex = Number(opts.className);
      if (classIndex < 0)
        throw new InspectError(
          'bad-request',
          `no class '${opts.className}' (classes: ${classes.join(', ')})`,
          'class',
        );
    }
    const cam = await gradCam(run, normaliseInput(run, pixels), { nodeId: opts.nodeId, classIndex });
    return {
      ...cam,
      classes: cam.probs.map((_, i) => classes[i] ?? String(i)),
      png: camOverlayPng(pixels, run.inputShape, cam),
    };
  } finally {
    run.compiled.model.dispose();
  }
}
