import { displayWidth } from './terminal.js';

/** One column of a human-readable table. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
}

/** The columns `text` occupies on a terminal: colour codes count 0, wide (CJK, emoji) characters 2. */
export function visibleWidth(text: string): number {
  return displayWidth(text);
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

// A line break or tab inside a value (a server-provided name, say) would break the row apart.
const cell = (text: string): string => text.replace(/[\r\n\t]+/g, ' ');

/**
 * Renders rows as aligned columns separated by two spaces, header first. Plain text (no box drawing)
 * so the output pipes cleanly into `grep`, `awk` and `cut`.
 */
export function renderTable<Row>(
  columns: ReadonlyArray<Column<Row>>,
  rows: ReadonlyArray<Row>,
  styleHeader: (text: string) => string = (t) => t,
): string {
  const cells = rows.map((row) => columns.map((c) => cell(c.value(row))));
  const widths = columns.map((c, i) =>
    Math.max(visibleWidth(c.header), ...cells.map((r) => visibleWidth(r[i] ?? ''))),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => {
        const last = i === values.length - 1;
        const align = columns[i]?.align ?? 'left';
        return last && align === 'left' ? v : pad(v, widths[i] ?? 0, align);
      })
      .join('  ');
  const header = line(columns.map((c, i) => pad(c.header, widths[i] ?? 0, c.align ?? 'left'))).trimEnd();
  return [styleHeader(header), ...cells.map(line)].join('\n');
}
