import { imageSize, type Dataset, type ImageShape } from './types';

export interface DatasetPreview {
  classes: string[];
  /** Train samples per class. */
  counts: number[];
  /** Up to `perClass` train images of each class, in class order; pixels are HWC bytes. */
  samples: { label: number; shape: ImageShape; pixels: number[] }[];
}

/** What the UI's dataset preview shows: class names, their counts, and a few images of each. */
export function previewSamples(ds: Dataset, perClass: number): DatasetPreview {
  const { train } = ds;
  const counts = ds.classes.map(() => 0);
  const chosen: number[][] = ds.classes.map(() => []);
  const limit = Math.max(0, Math.floor(perClass));
  for (let i = 0; i < train.count; i++) {
    const label = train.labels[i]!;
    if (label >= counts.length) continue;
    counts[label] = counts[label]! + 1;
    const list = chosen[label]!;
    if (list.length < limit) list.push(i);
  }
  const size = imageSize(train.shape);
  const samples = chosen.flatMap((indices, label) =>
    indices.map((index) => ({
      label,
      shape: [...train.shape] as ImageShape,
      pixels: Array.from(train.images.subarray(index * size, (index + 1) * size)),
    })),
  );
  return { classes: [...ds.classes], counts, samples };
}
