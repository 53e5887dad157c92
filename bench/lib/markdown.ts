/** Renders a markdown table from a header row and body rows. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "met" or "**missed**" with the measured figure, for goal columns. */
export function verdict(met: boolean, figure: string): string {
  return met ? `met (${figure})` : `**missed** (${figure})`;
}

/** A ratio as `1.23x`. */
export function ratio(value: number): string {
  return `${value.toFixed(2)}x`;
}
