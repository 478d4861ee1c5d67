/**
 * Lays rows out in left-aligned columns (numbers right-aligned), two spaces apart, for terminal summaries.
 */
export function formatTable(rows: ReadonlyArray<ReadonlyArray<string | number>>, indent = '  '): string {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const widths: number[] = [];
  for (const row of cells) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return cells
    .map((row, r) =>
      row
        .map((cell, i) => {
          if (i === row.length - 1 && typeof rows[r]![i] !== 'number') return cell;
          return typeof rows[r]![i] === 'number' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
        })
        .join('  '),
    )
    .map((line) => `${indent}${line}`.trimEnd())
    .join('\n');
}
