import { useId } from 'react';
import { BillingSchema, type Billing, type BillingMode } from '../../engine/index';
import { scenarioStore, useScenarioStore } from '../../state/app-store';

type Side = 'vendor' | 'customers';

const MODES: readonly { value: BillingMode; label: string }[] = [
  { value: 'monthly', label: 'Monthly' },
  { value: 'annual', label: 'Annually (12 months at a time)' },
  { value: 'upfront', label: 'Upfront (the whole term)' },
];

const DELAYS = [0, 1, 2, 3] as const;

/**
 * The scenario with one billing setting changed, checked by the engine's schema; a side left
 * at monthly and 0 is written as such (the file says what the user chose).
 */
export function withBilling(
  billing: Billing | undefined,
  side: Side,
  field: 'fixedTerm' | 'paymentDelayMonths',
  value: BillingMode | number,
): Billing | null {
  const next = { ...billing, [side]: { ...billing?.[side], [field]: value } };
  const parsed = BillingSchema.safeParse(next);
  return parsed.success ? parsed.data : null;
}

/**
 * Billing and cash (PRICING.md §8): how the vendor invoices fixed terms and how the MSP
 * invoices its customers, each with a payment delay. Changes cash only, never the margin.
 */
export function BillingSettings() {
  const billing = useScenarioStore((s) => s.scenario.billing);
  const headingId = useId();
  const set = (
    side: Side,
    field: 'fixedTerm' | 'paymentDelayMonths',
    value: BillingMode | number,
  ) => {
    const next = withBilling(billing, side, field, value);
    if (next === null) return; // the selects offer only valid values
    scenarioStore.getState().edit((s) => ({ ...s, billing: next }));
  };
  return (
    <section aria-labelledby={headingId} className="billing-settings">
      <h3 id={headingId}>Billing and cash</h3>
      <p className="field-hint">
        When money moves: these change the cash flow and the funding the deal needs, never its
        revenue or margin. A customer line can override the customers&apos; invoicing in its
        details.
      </p>
      <BillingSide
        side="vendor"
        legend="The vendor invoices you"
        billing={billing}
        onChange={set}
      />
      <BillingSide
        side="customers"
        legend="You invoice your customers"
        billing={billing}
        onChange={set}
      />
    </section>
  );
}

function BillingSide({
  side,
  legend,
  billing,
  onChange,
}: {
  side: Side;
  legend: string;
  billing: Billing | undefined;
  onChange: (
    side: Side,
    field: 'fixedTerm' | 'paymentDelayMonths',
    value: BillingMode | number,
  ) => void;
}) {
  const modeId = useId();
  const delayId = useId();
  const mode = billing?.[side]?.fixedTerm ?? 'monthly';
  const delay = billing?.[side]?.paymentDelayMonths ?? 0;
  const who = side === 'vendor' ? 'Vendor' : 'Customers';
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="field">
        <label htmlFor={modeId}>{`${who}: Fixed-Term invoicing`}</label>
        <p id={`${modeId}-hint`} className="field-hint">
          {side === 'vendor'
            ? 'How the vendor invoices Fixed-Term licenses. Usage, apps and appliances are invoiced monthly.'
            : 'How your customers are invoiced for the months of a Fixed-Term term. PAYG usage is invoiced monthly.'}
        </p>
        <select
          id={modeId}
          data-field={`billing.${side}.fixedTerm`}
          aria-describedby={`${modeId}-hint`}
          value={mode}
          onChange={(e) => onChange(side, 'fixedTerm', e.target.value as BillingMode)}
        >
          {MODES.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={delayId}>
          {side === 'vendor' ? 'Vendor: payment delay' : 'Customers: payment delay'}
        </label>
        <p id={`${delayId}-hint`} className="field-hint">
          {side === 'vendor'
            ? 'Months after an invoice that you pay the vendor.'
            : 'Months after an invoice that your customers pay you.'}
        </p>
        <select
          id={delayId}
          data-field={`billing.${side}.paymentDelayMonths`}
          aria-describedby={`${delayId}-hint`}
          value={String(delay)}
          onChange={(e) => onChange(side, 'paymentDelayMonths', Number(e.target.value))}
        >
          {DELAYS.map((d) => (
            <option key={d} value={String(d)}>
              {d === 0
                ? 'Paid in the month invoiced'
                : `${d} ${d === 1 ? 'month' : 'months'} later`}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
