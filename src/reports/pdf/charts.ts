/**
 * Charts drawn as vector graphics with jsPDF's own primitives (rectangles, lines, text): sharp at
 * any zoom, a few kilobytes, their labels real text, and no canvas (the CLI has none).
 *
 * Geometry uses plot numbers (`Number(amount)`), which may be off in a float's last bit; no
 * figure a reader reads is computed here: value labels are the exact amounts, formatted.
 */
import { MARGIN, SIZE, type DocWriter, type RGB } from './layout';

export interface BarSeries {
  readonly label: string;
  readonly color: RGB;
  /** One value per x; stacked on the other bar series (positives up, negatives down). */
  readonly values: readonly number[];
}

export interface LineSeries {
  readonly label: string;
  readonly color: RGB;
  readonly values: readonly number[];
  readonly dashed?: boolean;
}

export interface ChartSpec {
  readonly title: string;
  /** The x categories' labels (periods), one per value. */
  readonly labels: readonly string[];
  readonly bars?: readonly BarSeries[];
  readonly lines?: readonly LineSeries[];
  /** A vertical marker at x index `index` (0-based), e.g. the break-even month. */
  readonly marker?: { readonly index: number; readonly label: string } | null;
  /** Axis tick labels (compact money). */
  readonly axis: (value: number) => string;
  /** Plot height in mm. */
  readonly height?: number;
  /** A smaller plot height the chart may shrink to, to fit the room left on the page. */
  readonly minHeight?: number;
}

/**
 * Series colours that read on white and in greyscale print, apart from the brand colour (the
 * cost categories' own are in src/reports/columns.ts, beside their labels).
 */
export const PALETTE = {
  revenue: [33, 37, 41],
  // purple, not green: "Customer apps" bars are green, and the dashed margin line crosses them
  margin: [118, 66, 165],
  // the waterfall's increases (markup): green reads as "adds to the price" beside red
  increase: [46, 125, 50],
  negative: [198, 40, 40],
  neutral: [120, 144, 156],
} as const satisfies Record<string, RGB>;

/** Round tick values spanning [min, max] (and 0). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  let lo = Math.min(0, min);
  let hi = Math.max(0, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi - lo < 1e-9) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  lo = Math.floor(lo / step + 1e-9) * step;
  hi = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Math.abs(v) < step / 1e6 ? 0 : v);
  return ticks;
}

const LABEL_STEPS = [1, 2, 3, 6, 12, 24, 60, 120];

/** mm a chart needs besides its plot: its title, the x labels and a legend row. */
const CHART_FRAME = 25;

function setFill(w: DocWriter, c: RGB) {
  w.doc.setFillColor(c[0], c[1], c[2]);
}

function setDraw(w: DocWriter, c: RGB) {
  w.doc.setDrawColor(c[0], c[1], c[2]);
}

interface Plot {
  x0: number;
  y0: number;
  width: number;
  height: number;
  /** The top and bottom of the scale. */
  hi: number;
  lo: number;
  yOf: (v: number) => number;
}

/**
 * Where to cut the scale when one month dwarfs the others (an appliance bought in month 1 of a
 * large deal would flatten every other bar): when the largest value is more than 3× the 90th
 * percentile of the positive values, the scale ends at 1.5× that percentile and the taller
 * bars are drawn broken, with their value written above. Null when no value stands out.
 */
export function clipLevel(values: readonly number[]): number | null {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length < 4) return null;
  const p90 = positive[Math.min(positive.length - 1, Math.floor(positive.length * 0.9))]!;
  const max = positive[positive.length - 1]!;
  if (p90 <= 0 || max <= 3 * p90) return null;
  return p90 * 1.5;
}

/** Title, frame, grid and y axis; returns the plot area. */
function frame(
  w: DocWriter,
  title: string,
  height: number,
  values: number[],
  axis: (v: number) => string,
  clip: { readonly hi: number | null; readonly lo: number | null } = { hi: null, lo: null },
): Plot {
  const doc = w.doc;
  w.font(SIZE.h2, true, w.theme.brandInk);
  doc.text(w.clean(title), MARGIN.left, w.y, { baseline: 'top' });
  w.y += w.lineHeight(SIZE.h2) + 2;

  const top = clip.hi ?? Math.max(...values, 0);
  const bottom = clip.lo ?? Math.min(...values, 0);
  const ticks = niceTicks(bottom, top);
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  w.font(SIZE.chart, false, w.theme.muted);
  const labelWidth = Math.max(...ticks.map((t) => doc.getTextWidth(axis(t)))) + 2;
  const x0 = MARGIN.left + labelWidth;
  const width = w.contentWidth - labelWidth;
  const y0 = w.y + 2;
  // values past the scale (a clipped month) stop at the plot's edge
  const yOf = (v: number) =>
    y0 + height - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * height;

  doc.setLineWidth(0.1);
  for (const t of ticks) {
    const y = yOf(t);
    setDraw(w, t === 0 ? w.theme.muted : w.theme.rule);
    doc.setLineWidth(t === 0 ? 0.3 : 0.1);
    doc.line(x0, y, x0 + width, y);
    doc.text(axis(t), x0 - 1.5, y, { baseline: 'middle', align: 'right' });
  }
  return { x0, y0, width, height, hi, lo, yOf };
}

function xLabels(w: DocWriter, plot: Plot, labels: readonly string[]): void {
  const doc = w.doc;
  const n = labels.length;
  if (n === 0) return;
  const slot = plot.width / n;
  w.font(SIZE.chart, false, w.theme.muted);
  const widest = Math.max(...labels.map((l) => doc.getTextWidth(l))) + 2;
  const step = LABEL_STEPS.find((s) => s * slot >= widest) ?? n;
  const y = plot.y0 + plot.height + 1.5;
  for (let i = 0; i < n; i += step) {
    doc.text(w.clean(labels[i]!), plot.x0 + slot * (i + 0.5), y, {
      baseline: 'top',
      align: 'center',
    });
  }
}

function legend(
  w: DocWriter,
  items: { label: string; color: RGB; kind: 'bar' | 'line' | 'dash' }[],
): void {
  const doc = w.doc;
  w.font(SIZE.chart, false, w.theme.ink);
  let x = MARGIN.left;
  let y = w.y;
  const lh = w.lineHeight(SIZE.chart) + 1;
  for (const item of items) {
    const label = w.clean(item.label);
    const width = 6 + doc.getTextWidth(label) + 5;
    if (x + width > MARGIN.left + w.contentWidth) {
      x = MARGIN.left;
      y += lh;
    }
    const mid = y + lh / 2 - 0.5;
    if (item.kind === 'bar') {
      setFill(w, item.color);
      doc.rect(x, mid - 1.5, 4, 3, 'F');
    } else {
      setDraw(w, item.color);
      doc.setLineWidth(0.6);
      if (item.kind === 'dash') doc.setLineDashPattern([1, 0.8], 0);
      doc.line(x, mid, x + 4.5, mid);
      doc.setLineDashPattern([], 0);
    }
    w.font(SIZE.chart, false, w.theme.ink);
    doc.text(label, x + 6, mid, { baseline: 'middle' });
    x += width;
  }
  w.y = y + lh + 3;
}

/** Stacked bars and lines over periods, with a legend. */
export function drawChart(w: DocWriter, spec: ChartSpec): void {
  const doc = w.doc;
  const bars = spec.bars ?? [];
  const lines = spec.lines ?? [];
  // title, axis labels and legend take about CHART_FRAME mm around the plot
  // a chart a second pass moves to a new page takes its full height there
  const room = w.breakBefore.has(w.blocks.length) ? Infinity : w.bottom - w.y - CHART_FRAME;
  const height = Math.max(spec.minHeight ?? spec.height ?? 55, Math.min(spec.height ?? 55, room));
  w.startBlock(height + CHART_FRAME);
  const n = spec.labels.length;
  const ups = new Array<number>(n).fill(0);
  const downs = new Array<number>(n).fill(0);
  for (const s of bars) {
    s.values.forEach((v, i) => {
      if (v >= 0) ups[i]! += v;
      else downs[i]! += v;
    });
  }
  const all = [...ups, ...downs, ...lines.flatMap((l) => l.values)];
  const tops = ups.map((u, i) => Math.max(u, ...lines.map((l) => l.values[i] ?? 0)));
  const bottoms = downs.map((d, i) => Math.min(d, ...lines.map((l) => l.values[i] ?? 0)));
  // one scale for both sides: a month far above (or below) the deal's ordinary months is cut
  const level = clipLevel([...tops, ...bottoms.map((v) => -v)]);
  const clipHi = level !== null && Math.max(...tops) > level ? level : null;
  const clipLo = level !== null && -Math.min(...bottoms) > level ? level : null;
  const plot = frame(w, spec.title, height, all, spec.axis, {
    hi: clipHi,
    lo: clipLo === null ? null : -clipLo,
  });
  const ceiling = plot.yOf(Number.POSITIVE_INFINITY);
  const floor = plot.yOf(Number.NEGATIVE_INFINITY);
  const slot = plot.width / Math.max(1, n);
  const barWidth = Math.max(0.3, slot * 0.72);

  const up = new Array<number>(n).fill(0);
  const down = new Array<number>(n).fill(0);
  for (const s of bars) {
    setFill(w, s.color);
    s.values.forEach((v, i) => {
      if (v === 0) return;
      const base = v >= 0 ? up[i]! : down[i]!;
      const top = base + v;
      const y1 = plot.yOf(Math.max(base, top));
      const y2 = plot.yOf(Math.min(base, top));
      if (y2 - y1 > 0.01)
        doc.rect(plot.x0 + slot * i + (slot - barWidth) / 2, y1, barWidth, y2 - y1, 'F');
      if (v >= 0) up[i] = top;
      else down[i] = top;
    });
  }
  for (const s of lines) {
    setDraw(w, s.color);
    doc.setLineWidth(0.5);
    if (s.dashed) doc.setLineDashPattern([1.2, 0.8], 0);
    for (let i = 1; i < s.values.length; i++) {
      doc.line(
        plot.x0 + slot * (i - 0.5),
        plot.yOf(s.values[i - 1]!),
        plot.x0 + slot * (i + 0.5),
        plot.yOf(s.values[i]!),
      );
    }
    if (s.values.length === 1) {
      setFill(w, s.color);
      doc.circle(plot.x0 + slot * 0.5, plot.yOf(s.values[0]!), 0.6, 'F');
    }
    doc.setLineDashPattern([], 0);
  }
  if (clipHi !== null || clipLo !== null) {
    // months past the cut scale: their value written at the edge they run off
    const annotate = (indices: number[], values: number[], up: boolean) => {
      let lastLabelEnd = -Infinity;
      for (const i of indices) {
        const x = plot.x0 + slot * i + (slot - barWidth) / 2;
        if (up) {
          // a broken bar: two white strokes across its top
          doc.setDrawColor(255, 255, 255);
          doc.setLineWidth(0.5);
          doc.line(x - 0.3, ceiling + 2.2, x + barWidth + 0.3, ceiling + 1.2);
          doc.line(x - 0.3, ceiling + 3.4, x + barWidth + 0.3, ceiling + 2.4);
        }
        w.font(SIZE.chart - 0.5, true, w.theme.ink);
        const label = `${up ? '▲' : '▼'} ${spec.axis(values[i]!)}`;
        const width = doc.getTextWidth(label);
        const cx = Math.min(
          Math.max(plot.x0 + slot * (i + 0.5), plot.x0 + width / 2),
          plot.x0 + plot.width - width / 2,
        );
        if (cx - width / 2 < lastLabelEnd + 1) continue; // neighbours: the first one speaks
        doc.text(label, cx, up ? ceiling - 0.6 : floor - 0.6, {
          baseline: 'bottom',
          align: 'center',
        });
        lastLabelEnd = cx + width / 2;
      }
    };
    annotate(
      tops.flatMap((v, i) => (v > plot.hi ? [i] : [])),
      tops,
      true,
    );
    annotate(
      bottoms.flatMap((v, i) => (v < plot.lo ? [i] : [])),
      bottoms,
      false,
    );
    w.font(SIZE.chart - 0.5, false, w.theme.muted);
    doc.text(
      w.clean('Scale cut: ▲ ▼ mark months beyond it, with their values'),
      plot.x0 + plot.width,
      plot.y0 - 1.2,
      { baseline: 'bottom', align: 'right' },
    );
  }
  if (spec.marker && spec.marker.index >= 0 && spec.marker.index < n) {
    const x = plot.x0 + slot * (spec.marker.index + 0.5);
    setDraw(w, w.theme.brandInk);
    doc.setLineWidth(0.3);
    doc.setLineDashPattern([1, 1], 0);
    doc.line(x, plot.y0, x, plot.y0 + plot.height);
    doc.setLineDashPattern([], 0);
    w.font(SIZE.chart, true, w.theme.brandInk);
    const label = w.clean(spec.marker.label);
    const right = x + 1 + doc.getTextWidth(label) > plot.x0 + plot.width;
    doc.text(label, right ? x - 1 : x + 1, plot.y0 + 1, {
      baseline: 'top',
      align: right ? 'right' : 'left',
    });
  }
  xLabels(w, plot, spec.labels);
  w.y = plot.y0 + plot.height + w.lineHeight(SIZE.chart) + 3.5;
  legend(w, [
    ...bars.map((s) => ({ label: s.label, color: s.color, kind: 'bar' as const })),
    ...lines.map((s) => ({
      label: s.label,
      color: s.color,
      kind: s.dashed ? ('dash' as const) : ('line' as const),
    })),
  ]);
}

export interface WaterfallSpec {
  readonly title: string;
  readonly bars: readonly {
    readonly label: string;
    readonly kind: 'total' | 'increase' | 'decrease';
    /** For drawing: the bar's [low, high]. */
    readonly range: readonly [number, number];
    /** The exact amount, formatted, printed over the bar. */
    readonly value: string;
  }[];
  readonly axis: (value: number) => string;
  readonly height?: number;
}

/** Floating bars: levels from zero, steps between the level before and after. */
export function drawWaterfall(w: DocWriter, spec: WaterfallSpec): void {
  const doc = w.doc;
  const height = spec.height ?? 55;
  w.startBlock(height + 30);
  const values = spec.bars.flatMap((b) => [b.range[0], b.range[1]]);
  const plot = frame(w, spec.title, height, values, spec.axis);
  const n = spec.bars.length;
  const slot = plot.width / n;
  const barWidth = slot * 0.62;
  spec.bars.forEach((b, i) => {
    const color =
      b.kind === 'total'
        ? w.theme.brandFill
        : b.kind === 'increase'
          ? PALETTE.increase
          : PALETTE.negative;
    setFill(w, color);
    const y1 = plot.yOf(b.range[1]);
    const y2 = plot.yOf(b.range[0]);
    const x = plot.x0 + slot * i + (slot - barWidth) / 2;
    doc.rect(x, y1, barWidth, Math.max(0.2, y2 - y1), 'F');
    w.font(SIZE.chart - 0.5, b.kind === 'total', w.theme.ink);
    doc.text(w.clean(b.value), x + barWidth / 2, y1 - 0.8, { baseline: 'bottom', align: 'center' });
    w.font(SIZE.chart, false, w.theme.muted);
    const label = doc.splitTextToSize(w.clean(b.label), slot - 1) as string[];
    label.forEach((line, k) =>
      doc.text(line, x + barWidth / 2, plot.y0 + plot.height + 1.5 + k * w.lineHeight(SIZE.chart), {
        baseline: 'top',
        align: 'center',
      }),
    );
  });
  w.y = plot.y0 + plot.height + 2 * w.lineHeight(SIZE.chart) + 5;
}
