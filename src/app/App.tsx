import { useMemo } from 'react';
import type { Quote } from '../engine/index';
import { priceSamplePlan } from './sample-plan';

function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Formats a quote amount (an exact decimal string) in the browser's locale. */
function useMoney(currency: string) {
  return useMemo(() => {
    const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    // Intl formats a decimal string exactly (no float conversion in modern browsers).
    return (amount: string) => format.format(amount as unknown as number);
  }, [currency]);
}

export function App() {
  const plan = useMemo(() => priceSamplePlan(todayIso()), []);
  return (
    <div className="app">
      <header className="app-header">
        <h1>Service Provider Configurator</h1>
      </header>
      <main className="app-main">
        <p>
          The pricing engine and the <code>npm run quote</code> command line are ready; the
          step-by-step wizard arrives next. Below, the sample plan priced in your browser by the
          same engine.
        </p>
        {plan.ok ? (
          <SampleQuote title={plan.scenario.title} quote={plan.quote} notes={plan.tableNotes} />
        ) : (
          <p role="alert">The sample plan could not be priced: {plan.message}</p>
        )}
      </main>
    </div>
  );
}

function SampleQuote({ title, quote, notes }: { title: string; quote: Quote; notes: string }) {
  const money = useMoney(quote.currency);
  const t = quote.totals;
  const errors = quote.issues.filter((i) => i.level === 'error').length;
  const warnings = quote.issues.length - errors;
  return (
    <section aria-labelledby="sample-title">
      <h2 id="sample-title">{title}</h2>
      <p className="muted">
        Price table {quote.priceTable.product} {quote.priceTable.currency}{' '}
        {quote.priceTable.version}: {notes}
      </p>
      {t ? (
        <dl className="kpis">
          <div>
            <dt>TCV</dt>
            <dd data-testid="kpi-tcv">{money(t.revenue)}</dd>
          </div>
          <div>
            <dt>Margin</dt>
            <dd>{money(t.margin)}</dd>
          </div>
          <div>
            <dt>Margin %</dt>
            <dd>{t.marginPct === null ? '—' : `${t.marginPct} %`}</dd>
          </div>
          <div>
            <dt>MRR (last month)</dt>
            <dd>{money(t.mrrFinal)}</dd>
          </div>
          <div>
            <dt>Break-even month</dt>
            <dd>{t.breakEvenMonth ?? 'not within the horizon'}</dd>
          </div>
          <div>
            <dt>Issues</dt>
            <dd>
              {errors} errors, {warnings} warnings
            </dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}
