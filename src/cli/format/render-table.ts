/** How a table is printed: aligned plain text for a terminal, or a GitHub markdown table. */
export type TableFormat = 'text' | 'markdown';

const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');

/** Renders `rows` under `headers`; every row must have one cell per header. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  format: TableFormat = 'text',
): string {
  if (format === 'markdown') {
    const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
    return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
  }
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
