import { classMetrics } from '../../../core/insight/classMetrics';

function fixed(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

/**
 * Per-class precision, recall and F1 of an evaluation, beside its confusion
 * matrix; "—" where a ratio is undefined (a class never predicted or never
 * present). Clicking a row's class opens its diagonal cell.
 */
export function ClassMetricsTable({
  matrix,
  classes,
  onClass,
}: {
  matrix: number[][];
  classes: string[];
  onClass?: (index: number) => void;
}) {
  const table = classMetrics(matrix);
  return (
    <table className="summary-table class-metrics" data-testid="class-metrics">
      <thead>
        <tr>
          <th>class</th>
          <th title="of the samples predicted as this class, the share that were">precision</th>
          <th title="of the samples of this class, the share predicted as it">recall</th>
          <th title="harmonic mean of precision and recall">F1</th>
          <th title="samples of this class evaluated">support</th>
        </tr>
      </thead>
      <tbody>
        {table.classes.map((m, i) => (
          <tr key={i} onClick={onClass ? () => onClass(i) : undefined}>
            <td>{classes[i] ?? i}</td>
            <td>{fixed(m.precision)}</td>
            <td>{fixed(m.recall)}</td>
            <td>{fixed(m.f1)}</td>
            <td>{m.support}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td>macro mean</td>
          <td>{fixed(table.macro.precision)}</td>
          <td>{fixed(table.macro.recall)}</td>
          <td>{fixed(table.macro.f1)}</td>
          <td>{table.classes.reduce((sum, m) => sum + m.support, 0)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
