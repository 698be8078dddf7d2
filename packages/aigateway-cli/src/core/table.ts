/** One column of a human-readable table. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
}

// Matches CSI/OSC escape sequences so styled cells are measured by what the terminal shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters by definition.
const ANSI = /\u001b\[[0-9;]*m/g;

/** The width a string occupies on a terminal, ignoring colour codes. */
export function visibleWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/**
 * Renders rows as aligned columns separated by two spaces, header first. Plain text (no box drawing)
 * so the output pipes cleanly into `grep`, `awk` and `cut`.
 */
export function renderTable<Row>(
  columns: ReadonlyArray<Column<Row>>,
  rows: ReadonlyArray<Row>,
  styleHeader: (text: string) => string = (t) => t,
): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
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
