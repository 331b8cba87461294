import type { TerminalStyle } from './terminal-style.js';

const MAX_CELL = 60;

function clip(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > MAX_CELL ? `${line.slice(0, MAX_CELL - 1)}…` : line;
}

/** Left-aligned columns under a bold header; cells keep their first line, clipped to a readable width. */
export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, style: TerminalStyle, indent = '  '): string {
  const cells = rows.map((row) => row.map((cell) => clip(cell || '-')));
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]!.length)));
  const format = (row: readonly string[]) =>
    indent + row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  return [style.paint('bold', format(header).trimEnd()), ...cells.map((row) => format(row).trimEnd())].join('\n');
}
