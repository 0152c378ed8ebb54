/** Rows as left-aligned columns two spaces apart, each line's trailing spaces trimmed; the first row sets the column count. */
export function padColumns(cells: string[][]): string {
  const widths = cells[0]?.map((_, col) => Math.max(...cells.map((row) => (row[col] ?? '').length))) ?? [];
  return cells
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
