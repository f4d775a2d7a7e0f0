import { useCallback } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Field } from '../../components/form/Field';
import { useSectionForm } from '../../components/form/use-section-form';
import { ScenarioObjectSchema, type Environment, type PriceTable } from '../../engine/index';
import { scenarioStore, useQuote, useScenarioStore } from '../../state/app-store';
import type { QuoteResult } from '../../state/quote';
import { moneyFormatter } from '../../components/format';

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
        path="platform.headroomPct"
        hint="Spare capacity above peak demand, for sizing."
        error={errors.headroomPct?.message}
      >
        {(control) => (
          <input {...control} type="text" inputMode="decimal" {...register('headroomPct')} />
        )}
      </Field>

      <Field
        label="Own infrastructure cost per month"
        path="platform.infraCostMonthly"
        hint={`In ${table?.currency ?? 'the price table currency'}: hosting, power, staff.`}
        error={errors.infraCostMonthly?.message}
      >
        {(control) => (
          <input {...control} type="text" inputMode="decimal" {...register('infraCostMonthly')} />
        )}
      </Field>

      <Sizing result={result} />
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
  if (!result.ok) return <p className="platform-problem">{result.message}</p>;
  const { quote } = result;
  const errors = quote.issues.filter((i) => i.level === 'error');
  if (errors.length > 0 || quote.platform === null) {
    return (
      <>
        <p>The quote has errors to fix before sizing:</p>
        <ul className="platform-problems" aria-label="Errors">
          {errors.map((issue, i) => (
            <li key={`${issue.code}-${issue.path}-${i}`}>
              {issue.message} <span className="muted">({issue.path})</span>
            </li>
          ))}
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
