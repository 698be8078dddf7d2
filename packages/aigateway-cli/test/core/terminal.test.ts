import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/core/table.js';
import { displayWidth, neutralise, stylesAt, toTerminal } from '../../src/core/terminal.js';

const ESC = '\u001b';

describe('neutralise', () => {
  it.each([
    [`${ESC}[31mred`, '^[[31mred'],
    ['bell\u0007', 'bell^G'],
    ['back\bspace', 'back^Hspace'],
    [`${ESC}]52;c;eA==\u0007`, '^[]52;c;eA==^G'],
    ['csi\u009b2J', 'csi2J'],
    ['del\u007f', 'del^?'],
    ['crlf\r\nline', 'crlf\nline'],
    ['tab\tand\nnewline', 'tab\tand\nnewline'],
    ['データ 😀', 'データ 😀'],
  ])('%j → %j', (input, output) => {
    expect(neutralise(input)).toBe(output);
  });
});

describe('styles', () => {
  it('keep their own escapes and neutralise the text they wrap', () => {
    const c = stylesAt(true);
    expect(toTerminal(`${c.red(`${ESC}[2J`)} plain ${ESC}[8m`)).toBe(`${ESC}[31m^[[2J${ESC}[39m plain ^[[8m`);
  });

  it.each([1, 2, 3] as const)(
    'write the escapes chalk wrote at level %i (chalk was the dependency before)',
    (level) => {
      const chalk = new Chalk({ level });
      const c = stylesAt(true);
      for (const name of Object.keys(c) as (keyof typeof c)[]) {
        for (const text of ['word', 'two\nlines\n', '', `a${ESC}[2Jb`]) {
          expect(toTerminal(c[name](text)), `${name} ${JSON.stringify(text)}`).toBe(
            chalk[name](neutralise(text)),
          );
        }
      }
    },
  );

  it('are no-ops without colour, still neutralising', () => {
    const c = stylesAt(false);
    expect(toTerminal(c.bold(`x${ESC}`))).toBe('x^[');
  });
});

describe('wide characters', () => {
  it('count two columns, styles none', () => {
    const c = stylesAt(true);
    expect(displayWidth('データ')).toBe(6);
    expect(displayWidth('😀x')).toBe(3);
    expect(displayWidth(c.green('ab'))).toBe(2);
  });

  it('keep table columns aligned', () => {
    const rows = [
      { name: 'データ', n: 1 },
      { name: 'ab', n: 22 },
      { name: '😀x', n: 333 },
    ];
    const text = renderTable(
      [
        { header: 'NAME', value: (r: (typeof rows)[number]) => r.name },
        { header: 'N', value: (r) => String(r.n), align: 'right' },
      ],
      rows,
    );
    const ends = text.split('\n').map((line) => displayWidth(line));
    expect(new Set(ends).size).toBe(1);
  });
});
