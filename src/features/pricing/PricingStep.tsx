import { useCallback, useId, useMemo } from 'react';
import { TextField } from '../../components/form/Field';
import { useSectionForm } from '../../components/form/use-section-form';
import { ScenarioObjectSchema, type QuoteCustomer, type Sell } from '../../engine/index';
import { BillingSettings } from './BillingSettings';
import { scenarioStore, useQuote, useScenarioStore } from '../../state/app-store';
import { moneyFormatter } from '../../components/format';
import { PricingTarget } from './PricingTarget';

/** The pricing section of the scenario, with the schema's rules and messages. */
const PricingSchema = ScenarioObjectSchema.shape.pricing;

type PricingValues = { defaultMarkupPct: string; minMarginPct: string };

/** How a line is sold, in words. */
function sellLabel(sell: Sell, defaultMarkupPct: string, money: (a: string) => string): string {
  if (sell === null) return `Default markup (${defaultMarkupPct} %)`;
  switch (sell.mode) {
    case 'markup':
      return `Markup ${sell.pct} %`;
    case 'margin':
      return `Margin ${sell.pct} %`;
    case 'fixed':
      return `Fixed ${money(sell.monthly)} monthly + ${money(sell.oneOff)} one-off`;
  }
}

/** Step 6 of the wizard: the default markup, the minimum margin and how each line is sold. */
export function PricingStep() {
  return (
    <div className="pricing-form">
      <PricingFields />
      <BillingSettings />
      <PricingTarget />
      <CustomerMargins />
    </div>
  );
}

function PricingFields() {
  const value = useScenarioStore((s) => s.scenario.pricing);
  const onValid = useCallback((next: PricingValues, field: string) => {
    scenarioStore.getState().edit(
      (s) =>
        s.pricing.defaultMarkupPct === next.defaultMarkupPct &&
        s.pricing.minMarginPct === next.minMarginPct
          ? s // the form echoing the store (after undo, a reset) is no edit
          : {
              ...s,
              pricing: {
                defaultMarkupPct: next.defaultMarkupPct,
                minMarginPct: next.minMarginPct,
              },
            },
      field ? { coalesceKey: `pricing.${field}` } : undefined,
    );
  }, []);
  const {
    register,
    formState: { errors },
  } = useSectionForm<PricingValues>({ schema: PricingSchema, value, onValid });

  return (
    <fieldset>
      <legend>Defaults</legend>
      <TextField
        label="Default markup %"
        unit="%"
        path="pricing.defaultMarkupPct"
        hint="On cost, for every customer line sold at the default markup. May exceed 100."
        error={errors.defaultMarkupPct?.message}
        inputMode="decimal"
        registration={register('defaultMarkupPct')}
      />
      <TextField
        label="Minimum margin %"
        unit="%"
        path="pricing.minMarginPct"
        hint="Lines whose margin falls below it are flagged."
        error={errors.minMarginPct?.message}
        inputMode="decimal"
        registration={register('minMarginPct')}
      />
    </fieldset>
  );
}

function CustomerMargins() {
  const customers = useScenarioStore((s) => s.scenario.customers);
  const defaultMarkupPct = useScenarioStore((s) => s.scenario.pricing.defaultMarkupPct);
  const minMarginPct = useScenarioStore((s) => s.scenario.pricing.minMarginPct);
  const result = useQuote();
  const currency = result.ok ? result.quote.currency : 'USD';
  const money = useMemo(() => moneyFormatter(currency), [currency]);
  const byId = useMemo(() => {
    const map = new Map<string, QuoteCustomer>();
    if (result.ok) for (const c of result.quote.customers) map.set(c.id, c);
    return map;
  }, [result]);
  const headingId = useId();

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>Customer lines</h3>
      <p className="field-hint">
        Per-customer overrides (markup, margin or a fixed price) are edited in each line&apos;s
        details on the Customers step. Minimum margin: {minMarginPct} %.
      </p>
      {!result.ok ? <p className="summary-problem">{result.message}</p> : null}
      {customers.length === 0 ? (
        <p>No customer lines yet.</p>
      ) : (
        <table className="pricing-lines">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Sell mode</th>
              <th scope="col">Margin %</th>
              <th scope="col">Override</th>
            </tr>
          </thead>
          <tbody>
            {customers.map((line, index) => {
              const quoted = byId.get(line.id);
              const pct = quoted?.totals.marginPct ?? null;
              return (
                <tr key={line.id} className={quoted?.belowMinMargin ? 'below-min' : undefined}>
                  <th scope="row">{line.name || line.id}</th>
                  <td>{sellLabel(line.sell, defaultMarkupPct, money)}</td>
                  <td>
                    {pct === null ? '—' : `${pct} %`}
                    {quoted?.belowMinMargin ? (
                      <strong className="below-min-marker"> Below minimum</strong>
                    ) : null}
                  </td>
                  <td>
                    <a
                      href={`#/customers?field=${encodeURIComponent(`customers[${index}].sell`)}`}
                      aria-label={`Edit the sell price of ${line.name || line.id}`}
                    >
                      Edit
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
