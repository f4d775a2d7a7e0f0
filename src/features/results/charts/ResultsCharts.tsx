/**
 * The charts of the Results step (PRODUCT.md, wizard step 7), grouped by section: Charts (monthly
 * revenue, cost and margin; cumulative margin with the break-even month; customer mix; PAYG
 * against Fixed-Term per PAYG line; the price waterfall), Cash (cash flow, customers over time),
 * Sensitivity (the tornado) and Who earns what (the party split). One module per figure beside
 * this one, drawn with the kit of `./kit.tsx`.
 *
 * Loaded lazily by ResultsStep (`lazy(() => import('./charts/ResultsCharts'))`), with every
 * figure, so recharts stays out of the first screen's JavaScript (ENGINEERING.md § Budgets).
 * Reads the store itself. The waterfall and the PAYG curve come from the scenario's one priced
 * deal (src/reports/priced-deal.ts, ADR 024), priced once per scenario change.
 */
import { useMemo } from 'react';
import { localToday, useQuote, useScenario } from '../../../state/app-store';
import { moneyFormatter } from '../../../components/format';
import { pricedDeal } from '../../../reports/priced-deal';
import { CashFigure } from './CashFigure';
import { CumulativeFigure } from './CumulativeFigure';
import { CustomersFigure } from './CustomersFigure';
import { MixFigure } from './MixFigure';
import { MonthlyFigure } from './MonthlyFigure';
import { PaygFigure } from './PaygFigure';
import { WaterfallFigure } from './WaterfallFigure';
import { TornadoFigure } from './TornadoFigure';
import { PartiesFigure } from './PartiesFigure';
import './charts.css';

/** Which figures a Results section shows (src/features/results/sections.tsx). */
export type ChartGroup = 'charts' | 'cash' | 'sensitivity' | 'parties';

/** The figures of one Results section for the open scenario; a message when it cannot be priced. */
export function ResultsCharts({ group = 'charts' }: { group?: ChartGroup }) {
  const scenario = useScenario();
  const result = useQuote();
  const money = useMemo(() => moneyFormatter(result.ok ? result.quote.currency : 'USD'), [result]);
  const deal = useMemo(
    () =>
      result.ok
        ? pricedDeal(scenario, result.table.table, result.quote, {
            today: localToday(),
            tableSha256: result.table.sha256,
          })
        : null,
    [scenario, result],
  );
  if (!result.ok) return <p className="chart-note">No charts: {result.message}</p>;
  if (deal === null) {
    return (
      <p className="chart-note">The charts appear once the errors in the issues list are fixed.</p>
    );
  }
  switch (group) {
    case 'cash':
      return (
        <div className="results-charts">
          <CashFigure quote={deal.quote} money={money} />
          <CustomersFigure quote={deal.quote} />
        </div>
      );
    case 'sensitivity':
      return (
        <div className="results-charts">
          <TornadoFigure deal={deal} money={money} />
        </div>
      );
    case 'parties':
      return (
        <div className="results-charts">
          <PartiesFigure deal={deal} money={money} />
        </div>
      );
    default:
      return (
        <div className="results-charts">
          <MonthlyFigure quote={deal.quote} money={money} />
          <CumulativeFigure quote={deal.quote} money={money} />
          <MixFigure deal={deal} money={money} />
          <PaygFigure deal={deal} money={money} />
          <WaterfallFigure deal={deal} money={money} />
        </div>
      );
  }
}

/** The charts section: monthly figures, cumulative margin, mix, PAYG curves, the waterfall. */
export function MainCharts() {
  return <ResultsCharts group="charts" />;
}

/** The cash section: cash flow beside cumulative margin, and customers over time. */
export function CashCharts() {
  return <ResultsCharts group="cash" />;
}

/** The sensitivity section: the tornado of drivers. */
export function SensitivityCharts() {
  return <ResultsCharts group="sensitivity" />;
}

/** Who earns what: the deal's revenue split between the vendor, the channel and the MSP. */
export function PartiesCharts() {
  return <ResultsCharts group="parties" />;
}

// React.lazy takes a module's default export: ResultsStep loads this file with
// `lazy(() => import('./charts/ResultsCharts'))`.
// eslint-disable-next-line no-restricted-syntax
export default MainCharts;
