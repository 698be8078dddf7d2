// Reads code blocks and tables out of a README, keeping line numbers for error messages.

/** A fenced code block: its file, the README line of its first code line, and its text. */
export interface Snippet {
  file: string;
  line: number;
  code: string;
}

/**
 * Every ```ts block of `markdown`, or of the part under the `## <section>` heading (up to the next
 * `## ` heading) when given.
 */
export function extractSnippets(markdown: string, file: string, section?: string): Snippet[] {
  const lines = markdown.split('\n');
  let inSection = section === undefined;
  const snippets: Snippet[] = [];
  let current: Snippet | undefined;
  for (const [i, line] of lines.entries()) {
    if (current) {
      if (line.startsWith('```')) {
        snippets.push(current);
        current = undefined;
      } else current.code += `${line}\n`;
      continue;
    }
    if (section !== undefined && line.startsWith('## ')) inSection = line.slice(3).trim() === section;
    if (inSection && /^```(ts|typescript)\s*$/.test(line)) current = { file, line: i + 2, code: '' };
  }
  return snippets;
}

/** The body rows of the table whose header cells are `header`, each split into trimmed cells. */
export function parseTable(markdown: string, header: readonly string[]): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => sameCells(cells(line), header));
  if (start < 0) throw new Error(`No table with the header | ${header.join(' | ')} |`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}

/** Cells of a table row; `\|` (a pipe inside a cell, e.g. in a code span) is kept as `|`. */
function cells(line: string): string[] {
  if (!line.trim().startsWith('|')) return [];
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.replaceAll('\\|', '|').trim());
}

function sameCells(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((cell, i) => cell === b[i]);
}
