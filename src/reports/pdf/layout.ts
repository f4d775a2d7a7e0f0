/**
 * The page kit every document is written with: A4, 16 mm side margins, one type scale, the
 * brand colour on headings, rules and table heads, tables that repeat their head on every page,
 * and a running header and "Page X of Y" footer added once every page exists.
 *
 * jsPDF and jspdf-autotable are only referred to by type here: `buildDocument` loads them with
 * `await import()` and hands the instances in, so neither is in the first screen's bundle.
 */
import type { jsPDF } from 'jspdf';
import type {
  __createTable as CreateTable,
  autoTable as AutoTable,
  CellDef,
  CellHookData,
  RowInput,
  Styles,
  UserOptions,
} from 'jspdf-autotable';

export type RGB = readonly [number, number, number];

/** jsPDF's and autotable's font family name for the embedded DejaVu Sans. */
export const FONT = 'DejaVuSans';

/** mm per typographic point. */
export const PT = 25.4 / 72;

export const MARGIN = { left: 16, right: 16, top: 20, bottom: 18 } as const;

/** The type scale, in points. */
export const SIZE = {
  title: 24,
  h1: 14,
  h2: 10.5,
  body: 9.5,
  small: 8,
  table: 8.5,
  chart: 7,
  chrome: 7.5,
} as const;

export const LINE = 1.3;

// ---------------------------------------------------------------------------------------------
// Colours
// ---------------------------------------------------------------------------------------------

export interface Theme {
  /** The brand colour as given: rules, bars, table heads (unless too light to see). */
  readonly brand: RGB;
  /** The brand colour, darkened until it reads as text on white (contrast ≥ 4.5:1). */
  readonly brandInk: RGB;
  /** A fill in the brand's hue that white paper does not swallow. */
  readonly brandFill: RGB;
  /** Text on `brandFill`: white or ink, whichever contrasts more. */
  readonly onBrand: RGB;
  readonly ink: RGB;
  readonly muted: RGB;
  readonly rule: RGB;
  readonly zebra: RGB;
  readonly footFill: RGB;
}

const WHITE: RGB = [255, 255, 255];
const INK: RGB = [33, 37, 41];

export function hexToRgb(hex: string): RGB {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return [31, 78, 121];
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** WCAG relative luminance. */
function luminance([r, g, b]: RGB): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: RGB, b: RGB): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function darken(c: RGB, t: number): RGB {
  return c.map((v) => Math.round(v * (1 - t))) as unknown as RGB;
}

function readableOnWhite(c: RGB, ratio: number): RGB {
  let t = 0;
  let out = c;
  while (contrast(out, WHITE) < ratio && t < 1) {
    t += 0.05;
    out = darken(c, t);
  }
  return out;
}

export function themeOf(primaryColor: string): Theme {
  const brand = hexToRgb(primaryColor);
  const brandFill = readableOnWhite(brand, 1.6);
  const onBrand = contrast(brandFill, WHITE) >= contrast(brandFill, INK) ? WHITE : INK;
  return {
    brand,
    brandInk: readableOnWhite(brand, 4.5),
    brandFill,
    onBrand,
    ink: INK,
    muted: [96, 103, 112],
    rule: [206, 212, 218],
    zebra: [246, 247, 249],
    footFill: [233, 236, 239],
  };
}

// ---------------------------------------------------------------------------------------------
// Progress
// ---------------------------------------------------------------------------------------------

/**
 * Called as a document is built: `done` of `total` steps, and what is being built. If it
 * returns a promise the builder waits for it, so a caller on the main thread can yield a frame.
 */
export interface BuildProgress {
  (done: number, total: number, stage: string): void | Promise<void>;
}

export class Progress {
  private done = 0;
  private total = 1;

  constructor(private readonly listener: BuildProgress | undefined) {}

  /** Adds `steps` to the expected total (a document announces its tables' chunks up front). */
  expect(steps: number): void {
    this.total += steps;
  }

  /**
   * One step done: tells the listener, then yields to the microtask queue, so a worker can post
   * the message and an awaiting caller can run. No timers: the builder stays pure.
   */
  async step(stage: string): Promise<void> {
    this.done = Math.min(this.done + 1, this.total);
    await this.listener?.(this.done, this.total, stage);
    await Promise.resolve();
  }

  async finish(stage: string): Promise<void> {
    this.done = this.total;
    await this.listener?.(this.done, this.total, stage);
  }
}

/** Body rows per autotable call: progress is reported (and the builder yields) between them. */
export const ROWS_PER_CHUNK = 100;

export const chunks = (rows: number) => Math.max(1, Math.ceil(rows / ROWS_PER_CHUNK));

// ---------------------------------------------------------------------------------------------
// The writer
// ---------------------------------------------------------------------------------------------

export type Cell = string | CellDef;
export type Row = readonly Cell[];

export interface Column {
  readonly header: string;
  /**
   * Whether the column's cells must never wrap; by default the right-aligned columns (amounts,
   * counts, percents) never do and the left-aligned ones (names, descriptions) may.
   */
  readonly nowrap?: boolean;
  /** A relative width: columns share the page's content width in proportion. */
  readonly weight: number;
  readonly align?: 'left' | 'right' | 'center';
}

export interface TableSpec {
  /** The progress stage reported for each chunk of rows. */
  readonly stage: string;
  readonly columns: readonly Column[];
  readonly body: readonly Row[];
  /** Total rows, drawn after the last body row (bold, shaded). */
  readonly foot?: readonly Row[];
  readonly fontSize?: number;
  /**
   * What to do when the amounts do not fit the page's width even at the smallest type:
   * `landscape` starts the table on a landscape page (the default keeps the smallest type).
   */
  readonly wide?: 'landscape';
}

/** Body rows kept on the page of a table's totals (no orphan rows before a total). */
export const KEEP_WITH_TOTAL = 3;

export interface PageChrome {
  /** Top left of every page but the cover (the brand). */
  readonly headerLeft: string;
  /** Top right (the document's title). */
  readonly headerRight: string;
  /** Bottom left of every page (the proposal number). */
  readonly footerLeft: string;
  /** "Page 2 of 5" in the document's language. */
  readonly pageOf?: (page: number, pages: number) => string;
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  color?: RGB;
  /** mm after the block. */
  after?: number;
  indent?: number;
  width?: number;
}

/** Where a block (a heading and what it keeps with it, a chart) began. */
export interface BlockStart {
  /** The page and top it was drawn at. */
  readonly page: number;
  readonly y: number;
  /** Where the writer stood before it: on the page before when the block did not fit. */
  readonly before: { readonly page: number; readonly y: number };
}

/** A last page holding no more than this (mm) is short: one small block left on its own. */
export const SHORT_LAST_PAGE = 100;

export class DocWriter {
  /** The top of the next block on the current page, in mm. */
  y: number = MARGIN.top;
  /** Every block's start, in order: what `blockToMove` reads after a first pass. */
  readonly blocks: BlockStart[] = [];
  /** The blocks (by index in `blocks`) that start a new page: set for a second pass. */
  breakBefore: ReadonlySet<number> = new Set();

  constructor(
    readonly doc: jsPDF,
    private readonly autoTable: typeof AutoTable,
    /** autotable's layout without drawing: the row heights, for keeping blocks together. */
    private readonly createTable: typeof CreateTable,
    readonly theme: Theme,
    /** Makes user text printable with the embedded font (NFC, U+FFFD for what it lacks). */
    readonly clean: (text: string) => string,
    readonly progress: Progress,
  ) {}

  get pageWidth(): number {
    return this.doc.internal.pageSize.getWidth();
  }

  get pageHeight(): number {
    return this.doc.internal.pageSize.getHeight();
  }

  get contentWidth(): number {
    return this.pageWidth - MARGIN.left - MARGIN.right;
  }

  get bottom(): number {
    return this.pageHeight - MARGIN.bottom;
  }

  get landscape(): boolean {
    return this.pageWidth > this.pageHeight;
  }

  newPage(orientation: 'portrait' | 'landscape' = 'portrait'): void {
    this.doc.addPage('a4', orientation);
    this.y = MARGIN.top;
  }

  /** Starts a new page (of the same orientation) unless `height` mm still fit. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage(this.landscape ? 'landscape' : 'portrait');
  }

  /**
   * Starts a block that needs `height` mm together: on a new page when it does not fit (or when
   * a second pass asks it to), and records where it began.
   */
  startBlock(height: number): void {
    const index = this.blocks.length;
    const page = () => this.doc.getCurrentPageInfo().pageNumber;
    const before = { page: page(), y: this.y };
    if (this.breakBefore.has(index) && this.y > MARGIN.top + 0.1) {
      this.newPage(this.landscape ? 'landscape' : 'portrait');
    } else {
      this.ensure(height);
    }
    this.blocks.push({ page: page(), y: this.y, before });
  }

  gap(mm: number): void {
    this.y += mm;
  }

  font(size: number, bold = false, color: RGB = this.theme.ink): void {
    this.doc.setFont(FONT, bold ? 'bold' : 'normal');
    this.doc.setFontSize(size);
    this.doc.setTextColor(color[0], color[1], color[2]);
  }

  lineHeight(size: number): number {
    return size * PT * LINE;
  }

  /** Wrapped text, breaking pages between lines. */
  text(text: string, o: TextOptions = {}): void {
    const size = o.size ?? SIZE.body;
    this.font(size, o.bold ?? false, o.color ?? this.theme.ink);
    const x = MARGIN.left + (o.indent ?? 0);
    const width = o.width ?? this.contentWidth - (o.indent ?? 0);
    const lines = this.doc.splitTextToSize(this.clean(text), width) as string[];
    const lh = this.lineHeight(size);
    for (const line of lines) {
      this.ensure(lh);
      this.doc.text(line, x, this.y, { baseline: 'top' });
      this.y += lh;
    }
    this.y += o.after ?? 1.5;
  }

  para(text: string): void {
    this.text(text, { after: 2.5 });
  }

  note(text: string): void {
    this.text(text, { size: SIZE.small, color: this.theme.muted, after: 2.5 });
  }

  /** A section heading in the brand colour with a rule under it, kept with what follows. */
  h1(text: string, keepWith = 40): void {
    if (this.y > MARGIN.top + 0.1) this.gap(4);
    this.startBlock(keepWith);
    this.font(SIZE.h1, true, this.theme.brandInk);
    this.doc.text(this.clean(text), MARGIN.left, this.y, { baseline: 'top' });
    this.y += this.lineHeight(SIZE.h1);
    this.rule(this.theme.brand, 0.5);
    this.y += 3;
  }

  h2(text: string, keepWith = 25): void {
    this.gap(1.5);
    this.startBlock(keepWith);
    this.text(text, { size: SIZE.h2, bold: true, color: this.theme.brandInk, after: 1.5 });
  }

  rule(color: RGB = this.theme.rule, width = 0.2): void {
    this.doc.setDrawColor(color[0], color[1], color[2]);
    this.doc.setLineWidth(width);
    this.doc.line(MARGIN.left, this.y, this.pageWidth - MARGIN.right, this.y);
  }

  private cleanCell = (cell: Cell): Cell =>
    typeof cell === 'string'
      ? this.clean(cell)
      : { ...cell, content: this.clean(String(cell.content ?? '')) };

  private baseStyles(fontSize: number): Partial<Styles> {
    const t = this.theme;
    return {
      font: FONT,
      fontStyle: 'normal',
      fontSize,
      textColor: [...t.ink] as [number, number, number],
      cellPadding: { top: 1.3, bottom: 1.3, left: 1.6, right: 1.6 },
      lineColor: [...t.rule] as [number, number, number],
      lineWidth: { bottom: 0.1 },
      overflow: 'linebreak',
      valign: 'top',
    };
  }

  /** Label–value pairs, the label muted, wrapping and breaking pages like any table. */
  keyValues(rows: readonly (readonly [string, string])[], labelWidth = 62): void {
    if (rows.length === 0) return;
    const styles = this.baseStyles(SIZE.body);
    const options: UserOptions = {
      startY: this.y,
      margin: { ...MARGIN },
      theme: 'plain',
      body: rows.map(([k, v]) => [this.clean(k), this.clean(v)]),
      styles: {
        ...styles,
        lineWidth: 0,
        cellPadding: { top: 0.9, bottom: 0.9, left: 0, right: 2 },
      },
      columnStyles: {
        0: { cellWidth: labelWidth, textColor: [...this.theme.muted] as [number, number, number] },
        1: { cellWidth: this.contentWidth - labelWidth },
      },
      rowPageBreak: 'avoid',
    };
    // a block that fits on a page is kept together: it starts on the next page rather than split
    const height = this.measure(options).total;
    if (height <= this.bottom - MARGIN.top) this.ensure(height);
    this.autoTable(this.doc, options);
    this.y = this.finalY() + 3;
  }

  private finalY(): number {
    return (this.doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY;
  }

  /**
   * A table with a head that repeats on every page it spans, laid out so that no amount breaks
   * (`fitTable`): its right-aligned columns (amounts, counts, percents) are as wide as their
   * widest cell and never wrap. Drawn in chunks of 100 body rows, with a progress step (and a
   * yield) after each; a chunk that continues the table mid-page does not repeat the head there,
   * only on the pages it starts. A table that fits on a page is kept together (it starts on the
   * next page rather than split), and the total rows never go to a page with fewer than
   * `KEEP_WITH_TOTAL` body rows above them.
   */
  /** The columns' layout and the autotable options of a table (see `table`). */
  private tableSetup(spec: TableSpec, fit: ReturnType<typeof fitTable>) {
    const t = this.theme;
    const rgb = (c: RGB) => [...c] as [number, number, number];
    const { fontSize, widths } = fit;
    const columnStyles: Record<number, Partial<Styles>> = {};
    spec.columns.forEach((c, i) => {
      columnStyles[i] = {
        cellWidth: widths[i]!,
        halign: c.align ?? 'left',
        // an amount never wraps: the column is as wide as its widest amount (fitTable)
        ...(isFigure(c) ? { overflow: 'visible' as const } : {}),
      };
    });
    const head = [spec.columns.map((c) => this.clean(c.header))];
    const body = spec.body.map((row) => row.map(this.cleanCell)) as RowInput[];
    const foot = (spec.foot ?? []).map((row) => row.map(this.cleanCell)) as RowInput[];
    const options = (part: RowInput[], withFoot: boolean, showHead: 'everyPage' | 'never') => ({
      startY: this.y,
      margin: { ...MARGIN },
      theme: 'plain' as const,
      head,
      body: part,
      ...(withFoot && foot.length > 0 ? { foot } : {}),
      showHead,
      showFoot: 'lastPage' as const,
      rowPageBreak: 'avoid' as const,
      styles: this.baseStyles(fontSize),
      headStyles: {
        fillColor: rgb(t.brandFill),
        textColor: rgb(t.onBrand),
        fontStyle: 'bold' as const,
        valign: 'bottom' as const,
        lineWidth: 0,
      },
      footStyles: {
        fillColor: rgb(t.footFill),
        textColor: rgb(t.ink),
        fontStyle: 'bold' as const,
        lineWidth: { top: 0.3 },
        lineColor: rgb(t.ink),
      },
      alternateRowStyles: { fillColor: rgb(t.zebra) },
      columnStyles,
      // columnStyles set the body only: the head and the totals follow their column's
      // alignment, and a total never wraps either
      didParseCell: (data: CellHookData) => {
        const column = spec.columns[data.column.index];
        if (data.section !== 'body' && column?.align) data.cell.styles.halign = column.align;
        if (data.section === 'foot' && column && isFigure(column)) {
          data.cell.styles.overflow = 'visible';
        }
      },
    });
    return { body, foot, options };
  }

  /**
   * The height a table will take if it fits on one page, else the page's height: what a heading
   * above it asks to keep with it (`h1(text, w.keepWith(spec))`), so the heading and the table
   * move to the next page together.
   */
  keepWith(spec: TableSpec, before = 0): number {
    const capacity = this.bottom - MARGIN.top;
    if (spec.body.length > ROWS_PER_CHUNK) return 40 + before;
    const { body, options } = this.tableSetup(spec, fitTable(this, spec, this.contentWidth));
    const height = this.measure(options(body, true, 'everyPage')).total;
    // a heading takes ~12 mm; a table longer than the page keeps only its head and first rows
    return height + before + 12 <= capacity ? height + before + 12 : 40 + before;
  }

  async table(spec: TableSpec): Promise<void> {
    let fit = fitTable(this, spec, this.contentWidth);
    if (!fit.fits && spec.wide === 'landscape' && !this.landscape) {
      // too many amount columns for a portrait page even at the smallest type: a landscape page
      this.newPage('landscape');
      fit = fitTable(this, spec, this.contentWidth);
    }
    const { body, foot, options } = this.tableSetup(spec, fit);

    // keep a table that fits on one page together
    const capacity = this.bottom - MARGIN.top;
    if (body.length <= ROWS_PER_CHUNK) {
      const height = this.measure(options(body, true, 'everyPage'));
      if (height.total <= capacity) this.ensure(height.total);
      else this.ensure(height.head + 3 * height.firstRow);
    } else {
      this.ensure(18);
    }

    const parts = chunks(body.length);
    for (let i = 0; i < parts; i++) {
      let part = body.slice(i * ROWS_PER_CHUNK, (i + 1) * ROWS_PER_CHUNK);
      const last = i === parts - 1;
      if (last && foot.length > 0) {
        // where would the totals land? If with fewer than KEEP_WITH_TOTAL rows, break before
        const split = this.splitBeforeTotals(options(part, true, 'everyPage'), i > 0);
        if (split > 0) {
          await this.drawChunk(options(part.slice(0, split), false, 'everyPage'), i > 0);
          this.newPage(this.landscape ? 'landscape' : 'portrait');
          part = part.slice(split);
          await this.drawChunk(options(part, true, 'everyPage'), false);
          await this.progress.step(spec.stage);
          continue;
        }
      }
      await this.drawChunk(options(part, last, 'everyPage'), i > 0);
      await this.progress.step(spec.stage);
    }
    this.y += 4;
  }

  /**
   * Draws one autotable call. A continuing chunk (`continues`) shows no head where it carries on
   * mid-page (the previous chunk's page already has it), and the head on every page it starts.
   */
  private async drawChunk(options: UserOptions, continues: boolean): Promise<void> {
    let firstPage = true;
    this.autoTable(this.doc, {
      ...options,
      willDrawPage: (data) => {
        if (!continues) return;
        const settings = data.table.settings as { showHead: string };
        if (firstPage) {
          firstPage = false;
          const atTop = (data.cursor?.y ?? 0) <= MARGIN.top + 0.5;
          if (!atTop) settings.showHead = 'never';
        } else {
          settings.showHead = 'everyPage';
        }
      },
    });
    this.y = this.finalY();
    await Promise.resolve();
  }

  /** The heights autotable would give a table's head, first row, rows and totals. */
  private measure(options: UserOptions): {
    head: number;
    firstRow: number;
    rows: number[];
    foot: number;
    total: number;
  } {
    const table = this.createTable(this.doc, options);
    const head = table.head.reduce((a, r) => a + r.height, 0);
    const rows = table.body.map((r) => r.height);
    const foot = table.foot.reduce((a, r) => a + r.height, 0);
    return {
      head,
      firstRow: rows[0] ?? 0,
      rows,
      foot,
      total: head + rows.reduce((a, b) => a + b, 0) + foot,
    };
  }

  /**
   * The index of the body row to start a new page at so that the totals share their page with
   * at least KEEP_WITH_TOTAL rows; 0 when they already do (or the chunk is too short to matter).
   * Follows autotable's pagination: rows are never split, the head repeats on each new page.
   */
  private splitBeforeTotals(options: UserOptions, continues: boolean): number {
    const m = this.measure(options);
    const n = m.rows.length;
    if (n <= KEEP_WITH_TOTAL) return 0;
    let y = this.y + (continues && this.y > MARGIN.top + 0.5 ? 0 : m.head);
    let onPage = 0;
    let firstOnPage = 0;
    for (let r = 0; r < n; r++) {
      if (y + m.rows[r]! > this.bottom) {
        y = MARGIN.top + m.head;
        onPage = 0;
        firstOnPage = r;
      }
      y += m.rows[r]!;
      onPage++;
    }
    if (y + m.foot > this.bottom) return n - KEEP_WITH_TOTAL; // the totals alone on a page
    if (onPage >= KEEP_WITH_TOTAL || firstOnPage === 0) return 0;
    return n - KEEP_WITH_TOTAL;
  }

  /** The running header (all pages but the cover) and the "Page X of Y" footer (all pages). */
  chrome(c: PageChrome): void {
    const doc = this.doc;
    const n = doc.getNumberOfPages();
    const t = this.theme;
    for (let i = 1; i <= n; i++) {
      doc.setPage(i);
      const w = doc.internal.pageSize.getWidth();
      const h = doc.internal.pageSize.getHeight();
      const right = w - MARGIN.right;
      if (i > 1) {
        this.font(SIZE.chrome, true, t.brandInk);
        const left = this.fit(c.headerLeft, (w - MARGIN.left - MARGIN.right) * 0.4);
        doc.text(left, MARGIN.left, 11, { baseline: 'bottom' });
        this.font(SIZE.chrome, false, t.muted);
        const title = this.fit(c.headerRight, (w - MARGIN.left - MARGIN.right) * 0.55);
        doc.text(title, right, 11, { baseline: 'bottom', align: 'right' });
        doc.setDrawColor(t.brand[0], t.brand[1], t.brand[2]);
        doc.setLineWidth(0.3);
        doc.line(MARGIN.left, 12.5, right, 12.5);
      }
      doc.setDrawColor(t.rule[0], t.rule[1], t.rule[2]);
      doc.setLineWidth(0.2);
      doc.line(MARGIN.left, h - 12, right, h - 12);
      this.font(SIZE.chrome, false, t.muted);
      doc.text(this.clean(c.footerLeft), MARGIN.left, h - 8, { baseline: 'bottom' });
      doc.text(c.pageOf ? c.pageOf(i, n) : `Page ${i} of ${n}`, right, h - 8, {
        baseline: 'bottom',
        align: 'right',
      });
    }
  }

  /** `text` cut with an ellipsis to fit `width` mm in the current font. */
  fit(text: string, width: number): string {
    const clean = this.clean(text);
    if (this.doc.getTextWidth(clean) <= width) return clean;
    let s = clean;
    while (s.length > 1 && this.doc.getTextWidth(`${s}…`) > width) s = s.slice(0, -1);
    return `${s.trimEnd()}…`;
  }
}

/** A cell of a table: right-aligned amounts and bold totals are set by the column and foot. */
export function cell(content: string, styles: Partial<Styles>): CellDef {
  return { content, styles };
}

/** A column whose cells never wrap: an amount, a count, a percent. */
export function isFigure(c: Column): boolean {
  return c.nowrap ?? c.align === 'right';
}

/** The smallest table type a document uses, in points, before a table gives up fitting. */
export const MIN_TABLE_SIZE = 6;

/** Cell padding left plus right (baseStyles), mm, and a hair for rounding in autotable. */
const PADDING_X = 3.2 + 0.4;

function cellText(c: Cell): { text: string; bold: boolean } {
  if (typeof c === 'string') return { text: c, bold: false };
  return { text: String(c.content ?? ''), bold: c.styles?.fontStyle === 'bold' };
}

/**
 * The type size and column widths at which a table's figures never wrap: each figure column at
 * least as wide as its widest cell (body, head's longest word, bold totals), each text column at
 * least as wide as its longest word; what is left shared by the columns' weights. Starts at the
 * table's size and steps down to MIN_TABLE_SIZE; `fits` is false when even that is too wide.
 * Widths are measured once at 10 pt with jsPDF's own metrics and scaled (widths are linear in
 * the size).
 */
export function fitTable(
  w: DocWriter,
  spec: TableSpec,
  width: number,
): { fontSize: number; widths: number[]; fits: boolean } {
  const doc = w.doc;
  const REF = 10;
  const measure = (text: string, bold: boolean) => {
    doc.setFont(FONT, bold ? 'bold' : 'normal');
    doc.setFontSize(REF);
    return doc.getTextWidth(w.clean(text));
  };
  const longestWord = (text: string, bold: boolean) =>
    Math.max(0, ...text.split(/\s+/).map((word) => (word === '' ? 0 : measure(word, bold))));
  /** Each text column's widest cell unwrapped (mm per point): more than that is wasted on it. */
  const natural = spec.columns.map(() => 0);
  /** Each column's header on one line (mm per point). */
  const header = spec.columns.map((c) => measure(c.header, true) / REF);
  const need = spec.columns.map((c, i) => {
    let most = longestWord(c.header, true);
    const figure = isFigure(c);
    const rows: [readonly Row[], boolean][] = [
      [spec.body, false],
      [spec.foot ?? [], true],
    ];
    for (const [section, bold] of rows) {
      for (const row of section) {
        const cell = row[i];
        if (cell === undefined) continue;
        const { text, bold: b } = cellText(cell);
        if (text === '') continue;
        const wide = figure ? measure(text, bold || b) : longestWord(text, bold || b);
        if (wide > most) most = wide;
        if (!figure) natural[i] = Math.max(natural[i]!, measure(text, bold || b) / REF);
      }
    }
    return most / REF; // mm per point
  });
  const weights = spec.columns.map((c) => c.weight);
  const start = spec.fontSize ?? SIZE.table;
  for (let size = start; size >= MIN_TABLE_SIZE - 1e-9; size -= 0.25) {
    const min = need.map((n) => n * size + PADDING_X);
    if (min.reduce((a, b) => a + b, 0) > width) continue;
    const full = natural.map((n, i) => Math.max(min[i]!, n * size + PADDING_X));
    const heads = header.map((n, i) => Math.max(min[i]!, n * size + PADDING_X));
    const figures = spec.columns.map(isFigure);
    return {
      fontSize: size,
      widths: shareText(width, weights, min, full, heads, figures),
      fits: true,
    };
  }
  const min = need.map((n) => n * MIN_TABLE_SIZE + PADDING_X);
  const sum = min.reduce((a, b) => a + b, 0);
  return { fontSize: MIN_TABLE_SIZE, widths: min.map((m) => (m * width) / sum), fits: false };
}

/**
 * The widths of a table whose figures fit: figure columns get what their widest figure needs and
 * text columns share the rest by weight (so a name or a service wraps as little as it can, not
 * because an amount column took a weighted share it does not fill). Width a text column cannot
 * use (its longest text fits unwrapped) goes to the text columns that still wrap; then figure
 * columns get room for their header on one line; what is left goes to every column by weight.
 */
function shareText(
  width: number,
  weights: number[],
  min: number[],
  full: number[],
  heads: number[],
  figures: boolean[],
): number[] {
  const widths = min.slice();
  let left = width - widths.reduce((a, b) => a + b, 0);
  /** Widens `columns` towards `target` by weight until each reaches it or no width is left. */
  const fill = (columns: number[], target: number[]) => {
    for (let round = 0; round < columns.length && left > 1e-6; round++) {
      const open = columns.filter((i) => widths[i]! < target[i]! - 1e-6);
      if (open.length === 0) break;
      const weight = open.reduce((a, i) => a + weights[i]!, 0);
      let given = 0;
      for (const i of open) {
        const give = Math.min((left * weights[i]!) / weight, target[i]! - widths[i]!);
        widths[i] = widths[i]! + give;
        given += give;
      }
      left -= given;
    }
  };
  const all = weights.map((_, i) => i);
  fill(
    all.filter((i) => !figures[i]),
    full,
  );
  fill(
    all.filter((i) => figures[i]),
    heads,
  );
  if (left > 1e-6) {
    const total = weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < widths.length; i++) widths[i] = widths[i]! + (left * weights[i]!) / total;
  }
  return widths;
}

/**
 * After a first pass: the block to start on a new page so that the document does not end with
 * one short block alone on its last page (a chart or the terms pushed over by a few mm). It is
 * the block before the last one, with a heading just above it that would otherwise be left
 * behind; null when the last page is not like that, or the two would not fit on one page.
 */
export function blockToMove(w: DocWriter): number | null {
  const { blocks } = w;
  const pages = w.doc.getNumberOfPages();
  const n = blocks.length;
  if (n < 2 || pages < 3) return null;
  const last = blocks[n - 1]!;
  const top = MARGIN.top + 0.1;
  // the last block was pushed from the page before onto the last page, and ends the document
  if (last.page !== pages || last.y > top || last.before.page !== pages - 1) return null;
  if (w.doc.getCurrentPageInfo().pageNumber !== pages) return null;
  const used = w.y - MARGIN.top;
  if (used > SHORT_LAST_PAGE) return null;
  // the block before it, and a heading right above that one (kept together with it)
  let k = n - 2;
  while (
    k > 0 &&
    blocks[k - 1]!.page === blocks[k]!.page &&
    blocks[k]!.before.y - blocks[k - 1]!.y < 20
  )
    k--;
  const moved = blocks[k]!;
  if (moved.page !== pages - 1 || moved.y <= top) return null;
  const height = last.before.y - moved.y;
  return height + 4 + used <= w.bottom - MARGIN.top ? k : null;
}
