// Elastic tabstops as kubectl prints them: a port of github.com/liggitt/tabwriter (the fork of Go's
// text/tabwriter that cli-runtime uses for `get`, adding RememberWidths), which with
// RememberWidths off is Go's text/tabwriter (used by `describe`).
//
// * Text is split into cells terminated by '\t' (hard) or '\v' (soft); '\n' and '\f' end a line,
//   '\f' also forces a flush. The text after a line's last tab is not part of any column.
// * format(): a column block is a run of consecutive lines that have a cell in that column; its
//   width is max(minwidth, cell width + padding); deeper columns are formatted block by block.
// * Cell width is the number of Unicode code points (utf8.RuneCount), not the display width.
// * RememberWidths: a column's width never shrinks across Flush(), until setRememberedWidths.
// * Write flushes on its own when a line with a single cell ends (it cannot affect alignment).
//
// Escape-character (0xff) segments and StripEscape are not supported: a JS string has no 0xff byte.

export interface TabWriterFlags {
  /** Ignore HTML tags (width 0) and treat entities as one character. */
  filterHTML?: boolean;
  /** Right-align cell content (ignored when padchar is '\t'). */
  alignRight?: boolean;
  /** Treat columns made only of empty '\v'-terminated cells as absent. */
  discardEmptyColumns?: boolean;
  /** Pad leading empty cells with tabs regardless of padchar. */
  tabIndent?: boolean;
  /** Print '|' between columns. */
  debug?: boolean;
  /** Keep per-column maximum widths across flushes (liggitt/tabwriter). */
  rememberWidths?: boolean;
}

export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  /** One character; '\t' means tab padding (tabwidth-aligned) and left alignment. */
  padchar: string;
  flags?: TabWriterFlags;
}

interface Cell {
  /** Length of the cell's text in `buf` (UTF-16 units). */
  size: number;
  /** Width in code points, excluding HTML tags when filtering. */
  width: number;
  /** Terminated by '\t' rather than '\v'. */
  htab: boolean;
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export class TabWriter {
  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly flags: Required<TabWriterFlags>;

  private buf = '';
  private pos = 0;
  private cell: Cell = { size: 0, width: 0, htab: false };
  private endChar = '';
  private lines: Cell[][] = [];
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private output: string[] = [];

  constructor(options: TabWriterOptions) {
    const { minwidth, tabwidth, padding, padchar } = options;
    if (minwidth < 0 || tabwidth < 0 || padding < 0) throw new Error('negative minwidth, tabwidth, or padding');
    if (padchar.length !== 1) throw new Error('padchar must be a single character');
    this.minwidth = minwidth;
    this.tabwidth = tabwidth;
    this.padding = padding;
    this.padchar = padchar;
    const f = options.flags ?? {};
    this.flags = {
      filterHTML: f.filterHTML ?? false,
      // Tab padding enforces left alignment (Init: flags &^= AlignRight).
      alignRight: padchar === '\t' ? false : (f.alignRight ?? false),
      discardEmptyColumns: f.discardEmptyColumns ?? false,
      tabIndent: f.tabIndent ?? false,
      debug: f.debug ?? false,
      rememberWidths: f.rememberWidths ?? false,
    };
    this.reset();
  }

  /** Buffers text; completed single-cell lines and '\f' sections are formatted immediately. */
  write(text: string): this {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (this.endChar === '') {
        if (ch === '\t' || ch === '\v' || ch === '\n' || ch === '\f') {
          this.append(text.slice(n, i));
          this.updateWidth();
          n = i + 1;
          const ncells = this.terminateCell(ch === '\t');
          if (ch === '\n' || ch === '\f') {
            this.addLine();
            if (ch === '\f' || ncells === 1) {
              // A single-cell line cannot influence the alignment of later lines.
              this.flushInternal();
              if (ch === '\f' && this.flags.debug) this.output.push('---\n');
            }
          }
        } else if ((ch === '<' || ch === '&') && this.flags.filterHTML) {
          this.append(text.slice(n, i));
          this.updateWidth();
          n = i;
          this.endChar = ch === '<' ? '>' : ';';
        }
      } else if (ch === this.endChar) {
        this.append(text.slice(n, i + 1));
        n = i + 1;
        this.endEscape();
      }
    }
    this.append(text.slice(n));
    return this;
  }

  /** Formats everything buffered and returns all output produced since the last flush. */
  flush(): string {
    this.flushInternal();
    const out = this.output.join('');
    this.output = [];
    return out;
  }

  /** A copy of the remembered per-column maximum widths (RememberWidths). */
  rememberedWidths(): number[] {
    return [...this.maxwidths];
  }

  /** Replaces the remembered widths; `null` forgets them (kubectl does this per resource type). */
  setRememberedWidths(widths: readonly number[] | null): this {
    this.maxwidths = widths === null ? [] : [...widths];
    return this;
  }

  // --- internals -----------------------------------------------------------------------------

  private reset(): void {
    this.buf = '';
    this.pos = 0;
    this.cell = { size: 0, width: 0, htab: false };
    this.endChar = '';
    this.lines = [];
    this.widths = [];
    this.addLine();
  }

  private addLine(): void {
    this.lines.push([]);
  }

  private append(text: string): void {
    this.buf += text;
    this.cell.size += text.length;
  }

  private updateWidth(): void {
    this.cell.width += runeCount(this.buf.slice(this.pos));
    this.pos = this.buf.length;
  }

  private endEscape(): void {
    // '>' ends a tag of zero width; ';' ends an entity counted as one character.
    if (this.endChar === ';') this.cell.width++;
    this.pos = this.buf.length;
    this.endChar = '';
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1];
    line.push(this.cell);
    this.cell = { size: 0, width: 0, htab: false };
    return line.length;
  }

  private flushInternal(): void {
    if (this.cell.size > 0) {
      if (this.endChar !== '') this.endEscape(); // an incomplete tag or entity counts as complete
      this.terminateCell(false);
    }
    this.format(0, 0, this.lines.length);
    this.reset();
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return; // tabs have no width: no padding possible
      const w = Math.ceil(cellw / this.tabwidth) * this.tabwidth;
      const n = w - textw;
      if (n < 0) throw new Error('tabwriter: internal error');
      this.output.push('\t'.repeat(Math.ceil(n / this.tabwidth)));
      return;
    }
    this.output.push(this.padchar.repeat(cellw - textw));
  }

  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = this.flags.tabIndent;
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (j > 0 && this.flags.debug) this.output.push('|');
        if (c.size === 0) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], useTabs);
        } else {
          useTabs = false;
          if (!this.flags.alignRight) {
            this.output.push(this.buf.slice(pos, pos + c.size));
            pos += c.size;
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
          } else {
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
            this.output.push(this.buf.slice(pos, pos + c.size));
            pos += c.size;
          }
        }
      }
      if (i + 1 === this.lines.length) {
        // The last buffered line has no newline: write any outstanding cell text.
        this.output.push(this.buf.slice(pos, pos + this.cell.size));
        pos += this.cell.size;
      } else {
        this.output.push('\n');
      }
    }
    return pos;
  }

  private format(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    const column = this.widths.length;
    for (let thisLine = line0; thisLine < line1; thisLine++) {
      let line = this.lines[thisLine];
      if (column >= line.length - 1) continue;
      // A cell exists in this column: print the lines before the block, then size the block.
      pos = this.writeLines(pos, line0, thisLine);
      line0 = thisLine;

      let width = this.minwidth;
      let discardable = true;
      for (; thisLine < line1; thisLine++) {
        line = this.lines[thisLine];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + this.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.flags.discardEmptyColumns) width = 0;

      if (this.flags.rememberWidths) {
        if (this.maxwidths.length < this.widths.length) {
          this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        }
        const col = this.widths.length;
        if (this.maxwidths.length === col) this.maxwidths.push(width);
        else if (this.maxwidths[col] > width) width = this.maxwidths[col];
        else if (this.maxwidths[col] < width) this.maxwidths[col] = width;
      }

      this.widths.push(width);
      pos = this.format(pos, line0, thisLine);
      this.widths.pop();
      line0 = thisLine;
      // The outer loop's increment skips the line that ended the block, exactly as upstream.
    }
    return this.writeLines(pos, line0, line1);
  }
}

/** cli-runtime printers.GetNewTabWriter: `get` and custom-columns (6, 4, 3, ' ', RememberWidths). */
export function getTabWriter(): TabWriter {
  return new TabWriter({ minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ', flags: { rememberWidths: true } });
}

/** kubectl describe's tabwriter: `Init(out, 0, 8, 2, ' ', 0)` (describe.go tabbedString). */
export function describeTabWriter(): TabWriter {
  return new TabWriter({ minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ' });
}

/** cli-runtime printers/terminal.go EscapeTerminal: ESC → `^[`, CR → `\r` (two characters). */
export function escapeTerminal(s: string): string {
  // strings.NewReplacer("\x1b", "^[", "\r", "\\r")
  return s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/**
 * How tableprinter prints a string cell: cut at the first '\n', '\r' or '\f' (the tabwriter would
 * treat them as line breaks) and append `...`, escaping terminal characters in what remains.
 */
export function tableCell(s: string): string {
  const cut = s.search(/[\f\n\r]/);
  return cut < 0 ? escapeTerminal(s) : `${escapeTerminal(s.slice(0, cut))}...`;
}
