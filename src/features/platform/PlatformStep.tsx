import { useCallback, useMemo } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Field } from '../../components/form/Field';
import { useSectionForm } from '../../components/form/use-section-form';
import {
  minorDigitsOf,
  ScenarioObjectSchema,
  type Environment,
  type PriceTable,
} from '../../engine/index';
import { localToday, scenarioStore, useQuote, useScenarioStore } from '../../state/app-store';
import type { QuoteResult } from '../../state/quote';
import { moneyFormatter } from '../../components/format';
import { issueText } from '../../reports/issue-text';
import { platformCosts } from './platform-costs';

/** The platform part of the scenario: its rules and messages come from the scenario schema. */
const PlatformSchema = ScenarioObjectSchema.shape.platform;
type Platform = z.infer<typeof PlatformSchema>;

const KIND_LABELS: Record<Environment['kind'], string> = {
  virtual: 'Virtual — Platform License free',
  cloud: 'Cloud — Platform License free',
  hardware: 'Hardware appliance',
};
const KINDS: readonly Environment['kind'][] = ['virtual', 'cloud', 'hardware'];

const numberFormat = new Intl.NumberFormat();

function samePlatform(a: Platform, b: Platform): boolean {
  return (
    a.environment === b.environment &&
    a.headroomPct === b.headroomPct &&
    a.highAvailability === b.highAvailability &&
    a.infraCostMonthly === b.infraCostMonthly &&
    (a.appliance === null || b.appliance === null
      ? a.appliance === b.appliance
      : a.appliance.id === b.appliance.id && a.appliance.count === b.appliance.count)
  );
}

/**
 * Keeps the appliance in step with the environment: hardware needs one (the
 * table's first, sized automatically), virtual and cloud have none.
 */
export function fitAppliance(platform: Platform, table: PriceTable | null): Platform {
  const environment = table?.platform.environments.find((e) => e.id === platform.environment);
  if (!table || !environment) return platform;
  if (environment.kind !== 'hardware') {
    return platform.appliance === null ? platform : { ...platform, appliance: null };
  }
  if (platform.appliance !== null) return platform;
  const first = table.platform.appliances[0];
  return first ? { ...platform, appliance: { id: first.id, count: 'auto' } } : platform;
}

/** Turns what the count box holds into the form's value: a number when it is one. */
function countInput(raw: string): number | string {
  const trimmed = raw.trim();
  return trimmed === '' || Number.isNaN(Number(trimmed)) ? raw : Number(trimmed);
}

/** The platform step of the wizard: environment, appliances, headroom, own costs, live sizing. */
export function PlatformStep() {
  const value = useScenarioStore((s) => s.scenario.platform);
  const result = useQuote();
  const table = result.ok ? result.table.table : null;

  const onValid = useCallback(
    (next: Platform, field: string) => {
      const fitted = fitAppliance(next, table);
      scenarioStore
        .getState()
        .edit((s) => (samePlatform(s.platform, fitted) ? s : { ...s, platform: fitted }), {
          coalesceKey: field ? `platform.${field}` : 'platform',
        });
    },
    [table],
  );

  const form = useSectionForm({ schema: PlatformSchema, value, onValid });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const environmentId = useWatch({ control, name: 'environment' });
  const appliance = useWatch({ control, name: 'appliance' });

  const environments = table?.platform.environments ?? [];
  const environment = environments.find((e) => e.id === environmentId);
  const money = moneyFormatter(table?.currency ?? 'USD');
  const required = result.ok ? (result.quote.platform?.appliances?.required ?? null) : null;

  return (
    <form className="platform-step" noValidate onSubmit={(e) => e.preventDefault()}>
      <Field
        label="Environment"
        path="platform.environment"
        hint={
          environment && environment.kind !== 'hardware'
            ? `${environment.name}: Platform License free; you run it on your own infrastructure.`
            : undefined
        }
        error={errors.environment?.message}
      >
        {(control) => (
          <select {...control} {...register('environment')}>
            {environment === undefined ? (
              <option value={environmentId}>{environmentId} (not in the price table)</option>
            ) : null}
            {KINDS.map((kind) => {
              const ofKind = environments.filter((e) => e.kind === kind);
              return ofKind.length === 0 ? null : (
                <optgroup key={kind} label={KIND_LABELS[kind]}>
                  {ofKind.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.name}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        )}
      </Field>

      {environment?.kind === 'hardware' && appliance ? (
        <>
          <Field
            label="Appliance model"
            path="platform.appliance.id platform.appliance"
            error={errors.appliance?.id?.message}
          >
            {(control) => (
              <select {...control} {...register('appliance.id')}>
                {table?.platform.appliances.map((a) => (
                  <option key={a.id} value={a.id}>
                    {`${a.name} — ${numberFormat.format(a.throughputMbps)} Mbps, up to ${numberFormat.format(a.maxVServices)} vServices, ${money(a.price)}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Controller
            control={control}
            name="appliance.count"
            render={({ field }) => {
              const manual = field.value !== 'auto';
              return (
                <fieldset className="platform-count">
                  <legend>Appliance count</legend>
                  <label>
                    <input
                      type="radio"
                      name={`${field.name}-mode`}
                      checked={!manual}
                      onChange={() => field.onChange('auto')}
                    />{' '}
                    Automatic{required !== null ? ` (${required} required)` : ''}
                  </label>
                  <label>
                    <input
                      type="radio"
                      name={`${field.name}-mode`}
                      checked={manual}
                      onChange={() => field.onChange(required ?? 1)}
                    />{' '}
                    Manual
                  </label>
                  <Field
                    label="Number of appliances"
                    unit="appliances"
                    path="platform.appliance.count"
                    error={errors.appliance?.count?.message ?? errors.appliance?.message}
                  >
                    {(control) => (
                      <input
                        {...control}
                        type="number"
                        inputMode="numeric"
                        min={1}
                        step={1}
                        name={field.name}
                        ref={field.ref}
                        disabled={!manual}
                        value={manual ? String(field.value) : ''}
                        onBlur={field.onBlur}
                        onChange={(e) => field.onChange(countInput(e.target.value))}
                      />
                    )}
                  </Field>
                </fieldset>
              );
            }}
          />
        </>
      ) : null}

      <div className="platform-checkbox">
        <label>
          <input type="checkbox" {...register('highAvailability')} /> High availability (one more
          appliance on hardware)
        </label>
      </div>

      <Field
        label="Headroom %"
        unit="%"
        path="platform.headroomPct"
        hint="Spare capacity above peak demand, for sizing."
        error={errors.headroomPct?.message}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            inputMode="decimal"
            className="input-short"
            {...register('headroomPct')}
          />
        )}
      </Field>

      <Field
        label="Own infrastructure cost per month"
        unit={`${table?.currency ?? ''} / month`.trim()}
        path="platform.infraCostMonthly"
        hint="Hosting, power, staff."
        error={errors.infraCostMonthly?.message}
      >
        {(control) => (
          <input {...control} type="text" inputMode="decimal" {...register('infraCostMonthly')} />
        )}
      </Field>

      <Sizing result={result} />
      <PlatformCostTable result={result} />
    </form>
  );
}

/** The sizing the quote gives for the platform: read from the quote, never recomputed. */
function Sizing({ result }: { result: QuoteResult }) {
  return (
    <section className="platform-sizing" aria-labelledby="platform-sizing-heading">
      <h3 id="platform-sizing-heading">Sizing</h3>
      <SizingBody result={result} />
    </section>
  );
}

function SizingBody({ result }: { result: QuoteResult }) {
  const scenario = useScenarioStore((s) => s.scenario);
  if (!result.ok) return <p className="platform-problem">{result.message}</p>;
  const { quote } = result;
  const errors = quote.issues.filter((i) => i.level === 'error');
  if (errors.length > 0 || quote.platform === null) {
    return (
      <>
        <p>The quote has errors to fix before sizing:</p>
        <ul className="platform-problems" aria-label="Errors">
          {errors.map((issue, i) => {
            const text = issueText(issue, scenario);
            return (
              <li key={`${issue.code}-${issue.path}-${i}`}>
                <strong>{text.where}</strong> — {text.message}
              </li>
            );
          })}
        </ul>
      </>
    );
  }
  const p = quote.platform;
  const short = quote.issues.find((i) => i.code === 'appliances-short');
  const rows: [string, number][] = [
    ['Peak Mbps', p.peakMbps],
    ['Peak vServices', p.peakVServices],
  ];
  if (p.appliances) {
    rows.push(['Appliances required', p.appliances.required]);
    rows.push(['Appliances chosen', p.appliances.count]);
  }
  if (p.vcpu !== null) rows.push(['vCPU', p.vcpu]);
  if (p.ramGb !== null) rows.push(['RAM GB', p.ramGb]);
  return (
    <>
      <table className="platform-sizing-table" aria-label="Sizing figures">
        <tbody>
          {rows.map(([label, n]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{numberFormat.format(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {short ? (
        <p className="platform-warning" role="status">
          {short.message}
        </p>
      ) : null}
    </>
  );
}

/**
 * What the platform costs, by month and over the horizon: appliances, support, own
 * infrastructure and the main apps, as the engine adds them into the quote (platform-costs.ts).
 */
function PlatformCostTable({ result }: { result: QuoteResult }) {
  const scenario = useScenarioStore((s) => s.scenario);
  const costs = useMemo(
    () =>
      result.ok
        ? platformCosts(
            scenario,
            result.table.table,
            { today: localToday(), tableSha256: result.table.sha256 },
            minorDigitsOf(result.quote.currency),
          )
        : null,
    [result, scenario],
  );
  if (!result.ok) return null;
  const currency = result.quote.currency;
  const money = moneyFormatter(currency);
  return (
    <section className="platform-costs" aria-labelledby="platform-costs-heading">
      <h3 id="platform-costs-heading">What the platform costs</h3>
      {costs === null ? (
        <p className="empty-state">
          The platform&apos;s cost shows here once the quote&apos;s errors are fixed.
        </p>
      ) : (
        <>
          <dl className="platform-cost-totals">
            <div>
              <dt>Appliances</dt>
              <dd>{money(costs.totals.appliances)}</dd>
            </div>
            <div>
              <dt>Support</dt>
              <dd>{money(costs.totals.support)}</dd>
            </div>
            <div>
              <dt>Own infrastructure</dt>
              <dd>{money(costs.totals.infrastructure)}</dd>
            </div>
            <div>
              <dt>Main apps</dt>
              <dd>{money(costs.totals.mainApps)}</dd>
            </div>

            <div className="platform-cost-total">
              <dt>Platform over {costs.months.length} months</dt>
              <dd>{money(costs.totals.total)}</dd>
            </div>
          </dl>
          <div
            className="platform-cost-scroll"
            role="region"
            aria-label="Platform cost by month"
            // a scrolling region must be reachable by keyboard to be scrolled (axe
            // scrollable-region-focusable)
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
          >
            <table className="platform-cost-table">
              <caption className="visually-hidden">Platform cost by month, in {currency}</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col">Appliances</th>
                  <th scope="col">Support</th>
                  <th scope="col">Infrastructure</th>
                  <th scope="col">Main apps</th>

                  <th scope="col">Total ({currency})</th>
                </tr>
              </thead>
              <tbody>
                {costs.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">
                      {m.month} <span className="muted">({m.period})</span>
                    </th>
                    <td>{money(m.appliances)}</td>
                    <td>{money(m.support)}</td>
                    <td>{money(m.infrastructure)}</td>
                    <td>{money(m.mainApps)}</td>

                    <td>{money(m.total)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td>{money(costs.totals.appliances)}</td>
                  <td>{money(costs.totals.support)}</td>
                  <td>{money(costs.totals.infrastructure)}</td>
                  <td>{money(costs.totals.mainApps)}</td>

                  <td>{money(costs.totals.total)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
