/**
 * Per-class precision, recall and F1 from a confusion matrix (rows: true
 * class, columns: predicted), the table shown beside the matrix. A class
 * never predicted has no precision and one never present has no recall:
 * those are null rather than 0, so "undefined" is not read as "always wrong".
 */

export interface ClassMetrics {
  /** Of the samples predicted as this class, the share that were this class. */
  precision: number | null;
  /** Of the samples of this class, the share predicted as it. */
  recall: number | null;
  /** Harmonic mean of precision and recall; 0 when both are 0, null when either is undefined. */
  f1: number | null;
  /** Samples whose true class is this one (the row total). */
  support: number;
}

export interface MetricsTable {
  classes: ClassMetrics[];
  /** Unweighted mean over the classes whose value is defined (null when none is). */
  macro: { precision: number | null; recall: number | null; f1: number | null };
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function meanDefined(values: (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length > 0 ? defined.reduce((a, b) => a + b, 0) / defined.length : null;
}

export function classMetrics(matrix: readonly (readonly number[])[]): MetricsTable {
  const n = matrix.length;
  const classes: ClassMetrics[] = [];
  for (let c = 0; c < n; c++) {
    const row = matrix[c] ?? [];
    const hits = row[c] ?? 0;
    const support = row.reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (let r = 0; r < n; r++) predicted += matrix[r]?.[c] ?? 0;
    const precision = ratio(hits, predicted);
    const recall = ratio(hits, support);
    const f1 =
      precision === null || recall === null
        ? null
        : precision + recall === 0
          ? 0
          : (2 * precision * recall) / (precision + recall);
    classes.push({ precision, recall, f1, support });
  }
  return {
    classes,
    macro: {
      precision: meanDefined(classes.map((m) => m.precision)),
      recall: meanDefined(classes.map((m) => m.recall)),
      f1: meanDefined(classes.map((m) => m.f1)),
    },
  };
}
