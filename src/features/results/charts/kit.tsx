/**
 * The chart kit of the Results step: colours, sizes, the measured box a recharts chart is drawn
 * in, the figure with its caption and data table, and the tooltip that shows exact amounts.
 * Each figure is its own module beside this one (MonthlyFigure, CumulativeFigure, MixFigure,
 * PaygFigure, WaterfallFigure); `ResultsCharts` composes them and is loaded lazily.
 *
 * Every chart sits in a <figure> with a caption and a text alternative: a "Data table" with the
 * exact figures, formatted with `moneyFormatter`. The charts draw plot numbers (chart-data.ts);
 * tooltips and tables show the exact amounts. A chart is drawn only once its box has a width
 * (a ResizeObserver measures it), so there is never a 0-size chart (nor recharts' warning).
 */
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { CustomerLine } from '../../../engine/index';
import { periodLabel, type WaterfallBar } from '../../../reports/chart-data';

// Colours: each at least 3:1 against white (WCAG 1.4.11), told apart by legend labels too. The
// cost categories' colours are in src/reports/columns.ts, beside their labels.
export const INK = '#1b1f24';
export const MUTED = '#4a5561';
export const GRID = '#d5dae0';
export const COLORS = {
  revenue: '#0b5d46',
  commissions: '#a8071a',
  margin: INK,
  /** The customer mix's bars: by model, by bundle. */
  model: '#1f4e79',
  bundle: '#6b3fa0',
} as const;
export const TERM_COLORS = [
  '#1f4e79',
  '#b35c00',
  '#6b3fa0',
  '#0b5d46',
  '#a8071a',
  '#5c6670',
  '#0b4fb3',
];
export const TERM_DASHES = ['8 4', '4 3', '12 4 2 4', '2 3', '10 3 3 3 3 3', '6 6', '1 4'];
export const WATERFALL_COLORS: Record<WaterfallBar['kind'], string> = {
  total: '#1f4e79',
  increase: '#0b5d46',
  decrease: '#a8071a',
};

export const TICK = { fill: INK, fontSize: 12 };
export const CHART_HEIGHT = 320;
export const SMALL_CHART_HEIGHT = 200;
export const CHART_DESC = 'The exact figures are in the data table under the chart.';

/** The horizontal grid every chart by month draws. */
export const MONTH_GRID = { stroke: GRID, strokeDasharray: '3 3', vertical: false } as const;

/** The month axis of every chart by month: periods as "Jan 2027", thinned to fit. */
export const MONTH_AXIS = {
  dataKey: 'period',
  tick: TICK,
  tickFormatter: (p: string) => periodLabel(p),
  minTickGap: 24,
  interval: 'preserveStartEnd',
} as const;

/** A tooltip's heading for a month: its period as "Jan 2027". */
export const monthLabel = (p: unknown) => periodLabel(String(p));

export type Money = (amount: string) => string;

export const hoursFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
export const countFormat = new Intl.NumberFormat();
export const lineName = (line: CustomerLine) => line.name || line.id;

/**
 * A tooltip formatter that shows the exact amount behind a plotted number: `exactOf` reads it
 * from the data point (by the series' data key); the float is shown only if there is none.
 */
export function exactTooltip(
  money: Money,
  exactOf: (point: never, key: string) => string | undefined,
) {
  return (value: unknown, name: unknown, item: { payload?: unknown; dataKey?: unknown }) => {
    const exact =
      item.payload === undefined ? undefined : exactOf(item.payload as never, String(item.dataKey));
    return [exact === undefined ? String(value) : money(exact), String(name)] as [string, string];
  };
}

/** A box that measures its width, and draws its chart only once the width is known. */
export function ChartBox({
  height,
  children,
}: {
  height: number;
  children: (width: number) => ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    // jsdom (tests) has no ResizeObserver and no layout: no chart there, the tables stand in
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const measured = Math.floor(entries[0]?.contentRect.width ?? 0);
      setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="chart-box" style={{ height }}>
      {width > 0 ? children(width) : null}
    </div>
  );
}

/** A chart in a figure: its caption, the chart, notes, and the data table as text alternative. */
export function ChartFigure({
  caption,
  children,
  table,
  className,
}: {
  caption: ReactNode;
  children: ReactNode;
  table: ReactNode;
  className?: string;
}) {
  const captionId = useId();
  return (
    <figure
      className={className ? `chart-figure ${className}` : 'chart-figure'}
      aria-labelledby={captionId}
    >
      <figcaption id={captionId}>{caption}</figcaption>
      {children}
      <details className="chart-data">
        <summary>Data table</summary>
        {table}
      </details>
    </figure>
  );
}

/** Tooltip rows of the monthly chart: revenue, the outgoings as stacked, then the margin. */

/** A row of a data table: its header cell (what the row is) and its figures. */
export interface DataRow {
  readonly key: string | number;
  readonly header: ReactNode;
  readonly cells: readonly ReactNode[];
}

/**
 * A chart's text alternative: a table with a caption, a header row, a row header in each row
 * (so a screen reader names the figures) and an optional total row.
 */
export function DataTable({
  caption,
  head,
  rows,
  foot,
}: {
  caption: ReactNode;
  head: readonly string[];
  rows: readonly DataRow[];
  foot?: DataRow;
}) {
  const row = (r: DataRow) => (
    <tr key={r.key}>
      <th scope="row">{r.header}</th>
      {r.cells.map((cell, i) => (
        <td key={i}>{cell}</td>
      ))}
    </tr>
  );
  return (
    <table className="chart-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{rows.map(row)}</tbody>
      {foot ? <tfoot>{row(foot)}</tfoot> : null}
    </table>
  );
}
