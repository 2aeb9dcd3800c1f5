/**
 * Renders rows as aligned plain text, the first row being the header. A cell may hold several lines (separated by
 * `\n`); its row then spans as many lines, the other cells padded. No trailing spaces, so output diffs cleanly.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string {
  return renderRows([header, ...rows], indent);
}

/** Renders rows as aligned plain text without a header row (e.g. `key  value` lines). */
export function renderRows(rows: readonly (readonly string[])[], indent = '  '): string {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const all = rows.map((row) => Array.from({ length: columns }, (_, i) => (row[i] ?? '').split('\n')));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(0, ...all.map((row) => Math.max(...row[i].map((line) => line.length)))));
  const lines: string[] = [];
  for (const row of all) {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    for (let l = 0; l < height; l++) {
      const text = row.map((cell, i) => (i === columns - 1 ? cell[l] ?? '' : (cell[l] ?? '').padEnd(widths[i]))).join('  ');
      lines.push(`${indent}${text}`.trimEnd());
    }
  }
  return lines.join('\n');
}
