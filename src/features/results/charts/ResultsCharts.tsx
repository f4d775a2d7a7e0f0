/**
 * The charts of the Results step (PRODUCT.md, wizard step 7): monthly revenue, cost and margin;
 * cumulative margin with the break-even month; customer mix; PAYG against Fixed-Term for each
 * PAYG line; and the price waterfall of the deal or of one customer line. One module per figure
 * beside this one, drawn with the kit of `./kit.tsx`.
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

/** The Results charts of the open scenario; a message instead when it cannot be priced. */
export function ResultsCharts() {
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
  return (
    <div className="results-charts">
      <MonthlyFigure quote={deal.quote} money={money} />
      <CumulativeFigure quote={deal.quote} money={money} />
      <CashFigure quote={deal.quote} money={money} />
      <CustomersFigure quote={deal.quote} />
      <MixFigure deal={deal} money={money} />
      <PaygFigure deal={deal} money={money} />
      <WaterfallFigure deal={deal} money={money} />
      <TornadoFigure deal={deal} money={money} />
      <PartiesFigure deal={deal} money={money} />
    </div>
  );
}

// React.lazy takes a module's default export: ResultsStep loads this file with
// `lazy(() => import('./charts/ResultsCharts'))`.
// eslint-disable-next-line no-restricted-syntax
export default ResultsCharts;
