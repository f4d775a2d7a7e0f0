/**
 * The page kit every document is written with: A4, 16 mm side margins, one type scale, the
 * brand colour on headings, rules and table heads, tables that repeat their head on every page,
 * and a running header and "Page X of Y" footer added once every page exists.
 *
 * jsPDF and jspdf-autotable are only referred to by type here: `buildDocument` loads them with
 * `await import()` and hands the instances in, so neither is in the first screen's bundle.
 */
import type { jsPDF } from 'jspdf';
import type { autoTable as AutoTable, CellDef, RowInput, Styles } from 'jspdf-autotable';

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
}

export interface PageChrome {
  /** Top left of every page but the cover (the brand). */
  readonly headerLeft: string;
  /** Top right (the document's title). */
  readonly headerRight: string;
  /** Bottom left of every page (the proposal number). */
  readonly footerLeft: string;
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

export class DocWriter {
  /** The top of the next block on the current page, in mm. */
  y: number = MARGIN.top;

  constructor(
    readonly doc: jsPDF,
    private readonly autoTable: typeof AutoTable,
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
    this.ensure(keepWith);
    this.font(SIZE.h1, true, this.theme.brandInk);
    this.doc.text(this.clean(text), MARGIN.left, this.y, { baseline: 'top' });
    this.y += this.lineHeight(SIZE.h1);
    this.rule(this.theme.brand, 0.5);
    this.y += 3;
  }

  h2(text: string, keepWith = 25): void {
    this.gap(1.5);
    this.ensure(keepWith);
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
    this.autoTable(this.doc, {
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
    });
    this.y = this.finalY() + 3;
  }

  private finalY(): number {
    return (this.doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY;
  }

  /**
   * A table with a head that repeats on every page it spans. Drawn in chunks of 100 body rows,
   * with a progress step (and a yield) after each; a chunk that continues the table mid-page
   * does not repeat the head there, only on the pages it starts.
   */
  async table(spec: TableSpec): Promise<void> {
    const t = this.theme;
    const fontSize = spec.fontSize ?? SIZE.table;
    const total = spec.columns.reduce((a, c) => a + c.weight, 0);
    const width = this.contentWidth;
    const columnStyles: Record<number, Partial<Styles>> = {};
    spec.columns.forEach((c, i) => {
      columnStyles[i] = { cellWidth: (width * c.weight) / total, halign: c.align ?? 'left' };
    });
    const head = [spec.columns.map((c) => this.clean(c.header))];
    const rgb = (c: RGB) => [...c] as [number, number, number];
    const body = spec.body.map((row) => row.map(this.cleanCell)) as RowInput[];
    const foot = (spec.foot ?? []).map((row) => row.map(this.cleanCell)) as RowInput[];
    const parts = chunks(body.length);
    this.ensure(18);
    for (let i = 0; i < parts; i++) {
      const part = body.slice(i * ROWS_PER_CHUNK, (i + 1) * ROWS_PER_CHUNK);
      const last = i === parts - 1;
      let firstPage = true;
      this.autoTable(this.doc, {
        startY: this.y,
        margin: { ...MARGIN },
        theme: 'plain',
        head,
        body: part,
        ...(last && foot.length > 0 ? { foot } : {}),
        showHead: 'everyPage',
        showFoot: 'lastPage',
        rowPageBreak: 'avoid',
        styles: this.baseStyles(fontSize),
        headStyles: {
          fillColor: rgb(t.brandFill),
          textColor: rgb(t.onBrand),
          fontStyle: 'bold',
          valign: 'bottom',
          lineWidth: 0,
        },
        footStyles: {
          fillColor: rgb(t.footFill),
          textColor: rgb(t.ink),
          fontStyle: 'bold',
          lineWidth: { top: 0.3 },
          lineColor: rgb(t.ink),
        },
        alternateRowStyles: { fillColor: rgb(t.zebra) },
        columnStyles,
        // columnStyles align the body only: the head and the totals follow their column
        didParseCell: (data) => {
          const align = spec.columns[data.column.index]?.align;
          if (data.section !== 'body' && align) data.cell.styles.halign = align;
        },
        // a continuing chunk: no head where it carries on mid-page (the previous chunk's page
        // already has it); on every new page it starts, the head again
        willDrawPage: (data) => {
          if (i === 0) return;
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
      await this.progress.step(spec.stage);
    }
    this.y += 4;
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
      doc.text(`Page ${i} of ${n}`, right, h - 8, { baseline: 'bottom', align: 'right' });
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
