import { useId, useState } from 'react';
import type {
  CustomerLine,
  PaygLicense,
  PriceTable,
  QuoteCustomer,
  QuoteIssue,
  Sell,
} from '../../engine/index';
import { useScenario } from '../../state/app-store';
import { issueText } from '../../reports/issue-text';
import { CellError, commitLine, LineSelect, LineTextInput, nameOf } from './cells';
import { MONTH_NAMES, numberInput } from './lines';
import { ChangesTimeline } from './ChangesTimeline';
import { LineTarget } from './LineTarget';

type Service = PriceTable['service'];

interface LineDetailsProps {
  line: CustomerLine;
  index: number;
  service: Service | null;
  partners: readonly { id: string; name: string }[];
  horizonMonths: number;
  defaultMarkupPct: string;
  minMarginPct: string;
  result: QuoteCustomer | null;
  issues: readonly QuoteIssue[];
  money: ((amount: string) => string) | null;
  onClose: () => void;
}

/** `customers[3]`: the scenario path of line `index`. */
const at = (index: number) => `customers[${index}]`;

/** A labelled row of the details form: label, control, hint. */
function Row({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children}
    </div>
  );
}

/** The fields of one customer line that the table has no room for, with its figures. */
export function LineDetails(props: LineDetailsProps) {
  const { line, index, onClose, result, money, issues } = props;
  const headingId = useId();
  const name = nameOf(line);
  const scenario = useScenario();
  return (
    <section className="line-details" aria-labelledby={headingId}>
      <div className="line-details-head">
        <h3 id={headingId} tabIndex={-1}>
          {`Details of ${name}`}
        </h3>
        <button type="button" onClick={onClose}>
          Close details
        </button>
      </div>
      {issues.length > 0 ? (
        <ul className="line-details-issues">
          {issues.map((issue) => (
            <li key={`${issue.code}-${issue.path}`} className={`issue-${issue.level}`}>
              <strong>{issue.level === 'error' ? 'Error' : 'Warning'}:</strong>{' '}
              {issueText(issue, scenario).message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="line-details-grid">
        <TimingFields {...props} />
        {line.license.model === 'payg' ? (
          <>
            <UsageFields {...props} license={line.license} />
            <ConvertFields {...props} license={line.license} />
          </>
        ) : null}
        <SellFields {...props} />
        <BillingField {...props} />
        <ChangesTimeline
          line={line}
          index={index}
          service={props.service}
          horizonMonths={props.horizonMonths}
          startPeriod={scenario.startPeriod}
        />
        <fieldset>
          <legend>Figures over the horizon</legend>
          {result && money ? (
            <dl className="line-details-figures">
              <dt>Revenue</dt>
              <dd>{money(result.totals.revenue)}</dd>
              <dt>Cost</dt>
              <dd>{money(result.totals.cost)}</dd>
              <dt>Commissions</dt>
              <dd>{money(result.totals.commissions)}</dd>
              <dt>Margin</dt>
              <dd>{money(result.totals.margin)}</dd>
              <dt>Margin %</dt>
              <dd>{result.totals.marginPct === null ? '—' : `${result.totals.marginPct} %`}</dd>
            </dl>
          ) : (
            <p className="field-hint">Priced once the scenario&apos;s errors are fixed.</p>
          )}
          {result?.advice && money ? (
            <p className="line-details-advice">
              {`Advice: a ${result.advice.termMonths}-month Fixed-Term license would cost ${money(
                result.advice.saving,
              )} less than PAYG over this line's active months. Break-even at ${
                result.advice.breakEvenHours
              } hours a month; this line averages ${result.advice.averageHours}.`}
            </p>
          ) : null}
          <p className="field-hint">
            {line.apps.length === 0
              ? 'No white-label apps. '
              : `${line.apps.length} app ${line.apps.length === 1 ? 'entry' : 'entries'}. `}
            <a href="#/apps">Edit apps on the White-label apps step</a>
          </p>
        </fieldset>
      </div>
      <LineTarget line={line} index={index} />
      <p className="field-hint">{`Line ${index + 1}, id ${line.id}.`}</p>
    </section>
  );
}

function TimingFields({ line, index, partners, horizonMonths }: LineDetailsProps) {
  const partnerId = useId();
  const endId = useId();
  const renewId = useId();
  const license = line.license;
  return (
    <fieldset>
      <legend>Channel and timing</legend>
      <Row id={partnerId} label="Partner" hint="The channel partner selling this line, if any.">
        <LineSelect
          line={line}
          field="partner"
          paths={`${at(index)}.partnerId`}
          name={{ id: partnerId }}
          value={line.partnerId ?? ''}
          options={[
            { value: '', label: 'Direct (no partner)' },
            ...partners.map((p) => ({ value: p.id, label: p.name || p.id })),
          ]}
          toLine={(value) => ({ ...line, partnerId: value === '' ? null : value })}
        />
      </Row>
      {license.model === 'fixed-term' ? (
        <div className="field field-check">
          <input
            id={renewId}
            type="checkbox"
            data-field={`${at(index)}.license.renew`}
            checked={license.renew}
            onChange={(e) =>
              void commitLine(
                line,
                { ...line, license: { ...license, renew: e.target.checked } },
                'renew',
              )
            }
          />
          <label htmlFor={renewId}>Renew at the end of each term</label>
          <p className="field-hint">
            Unticked, the line runs one term. A committed term cannot end early, so Fixed-Term lines
            have no end month.
          </p>
        </div>
      ) : license.convertTo === null ? (
        <Row
          id={endId}
          label="End month"
          hint={`Blank: runs to the end of the horizon (month ${horizonMonths}).`}
        >
          <LineTextInput
            line={line}
            field="endMonth"
            paths={`${at(index)}.endMonth`}
            name={{ id: endId }}
            inputMode="numeric"
            value={line.endMonth === null ? '' : String(line.endMonth)}
            toLine={(text) => ({
              ...line,
              endMonth: text.trim() === '' ? null : numberInput(text),
            })}
          />
        </Row>
      ) : (
        <p className="field-hint">A line converting to Fixed-Term has no end month.</p>
      )}
    </fieldset>
  );
}

/** The mean of a seasonal profile, to the hundredth of an hour (hours carry 2 decimals). */
function meanHours(profile: readonly number[]): number {
  const hundredths = profile.reduce((sum, h) => sum + Math.round(h * 100), 0);
  return Math.round(hundredths / profile.length) / 100;
}

function UsageFields({ line, index, license }: LineDetailsProps & { license: PaygLicense }) {
  const seasonal = Array.isArray(license.hoursPerMonth);
  const groupName = useId();
  const setProfile = (next: number | number[]) =>
    commitLine(line, { ...line, license: { ...license, hoursPerMonth: next } }, 'hours-shape');
  return (
    <fieldset>
      <legend>PAYG usage</legend>
      <div className="radio-row" role="radiogroup" aria-label="Hours per month">
        <label>
          <input
            type="radio"
            name={groupName}
            checked={!seasonal}
            onChange={() => {
              if (Array.isArray(license.hoursPerMonth))
                setProfile(meanHours(license.hoursPerMonth));
            }}
          />{' '}
          Same hours every month
        </label>
        <label>
          <input
            type="radio"
            name={groupName}
            checked={seasonal}
            onChange={() => {
              if (!Array.isArray(license.hoursPerMonth))
                setProfile(new Array<number>(12).fill(license.hoursPerMonth));
            }}
          />{' '}
          Seasonal profile (12 months)
        </label>
      </div>
      {Array.isArray(license.hoursPerMonth) ? (
        <SeasonalProfile
          line={line}
          index={index}
          license={license}
          profile={license.hoursPerMonth}
        />
      ) : (
        <p className="field-hint">
          Hours per month are edited in the table. A seasonal profile gives each calendar month its
          own hours (January first); switching back takes their mean.
        </p>
      )}
    </fieldset>
  );
}

function SeasonalProfile({
  line,
  index,
  license,
  profile,
}: {
  line: CustomerLine;
  index: number;
  license: PaygLicense;
  profile: readonly number[];
}) {
  const base = useId();
  return (
    <div className="seasonal-grid">
      {MONTH_NAMES.map((month, m) => (
        <div key={month} className="field">
          <label htmlFor={`${base}-${m}`}>{month}</label>
          <LineTextInput
            line={line}
            field={`hours-${m}`}
            paths={`${at(index)}.license.hoursPerMonth[${m}]${m === 0 ? ` ${at(index)}.license.hoursPerMonth` : ''}`}
            name={{ id: `${base}-${m}` }}
            inputMode="decimal"
            value={String(profile[m] ?? 0)}
            toLine={(text) => {
              const next: unknown[] = [...profile];
              next[m] = numberInput(text);
              return { ...line, license: { ...license, hoursPerMonth: next } };
            }}
          />
        </div>
      ))}
    </div>
  );
}

function ConvertFields({
  line,
  index,
  service,
  horizonMonths,
  license,
}: LineDetailsProps & { license: PaygLicense }) {
  const toggleId = useId();
  const atId = useId();
  const termId = useId();
  const [error, setError] = useState<string | null>(null);
  const convert = license.convertTo;
  const terms = service?.fixedTerm.terms ?? [];
  const firstTerm = terms.some((t) => t.months === 12) ? 12 : (terms[0]?.months ?? 12);
  return (
    <fieldset>
      <legend>Convert to Fixed-Term</legend>
      <div className="field field-check">
        <input
          id={toggleId}
          type="checkbox"
          data-field={`${at(index)}.license.convertTo`}
          checked={convert !== null}
          aria-describedby={error ? `${toggleId}-error` : undefined}
          onChange={(e) =>
            setError(
              commitLine(
                line,
                e.target.checked
                  ? {
                      ...line,
                      endMonth: null, // a line that commits to a term cannot end early
                      license: {
                        ...license,
                        convertTo: {
                          atMonth: Math.min(line.startMonth + 6, horizonMonths),
                          termMonths: firstTerm,
                        },
                      },
                    }
                  : { ...line, license: { ...license, convertTo: null } },
                'convert',
              ),
            )
          }
        />
        <label htmlFor={toggleId}>Convert to a Fixed-Term license</label>
        <CellError id={`${toggleId}-error`} message={error} />
      </div>
      {convert ? (
        <>
          <Row
            id={atId}
            label="At month"
            hint={`PAYG until the month before, then Fixed-Term; after month ${line.startMonth}, by month ${horizonMonths}.`}
          >
            <LineTextInput
              line={line}
              field="convertAt"
              paths={`${at(index)}.license.convertTo.atMonth`}
              name={{ id: atId }}
              inputMode="numeric"
              value={String(convert.atMonth)}
              toLine={(text) => ({
                ...line,
                license: { ...license, convertTo: { ...convert, atMonth: numberInput(text) } },
              })}
            />
          </Row>
          <Row id={termId} label="Term after converting">
            <LineSelect
              line={line}
              field="convertTerm"
              paths={`${at(index)}.license.convertTo.termMonths`}
              name={{ id: termId }}
              value={String(convert.termMonths)}
              options={terms.map((t) => ({ value: String(t.months), label: `${t.months} months` }))}
              toLine={(months) => ({
                ...line,
                license: { ...license, convertTo: { ...convert, termMonths: Number(months) } },
              })}
            />
          </Row>
        </>
      ) : (
        <p className="field-hint">
          For a customer expected to commit: PAYG first, then a term from the month you give.
        </p>
      )}
    </fieldset>
  );
}

const BILLING_LABELS = {
  monthly: 'Monthly',
  annual: 'Annually (12 months at a time)',
  upfront: 'Upfront (the whole term)',
} as const;

/** How this line's fixed-term months are invoiced (PRICING.md §8), over the customers' default. */
function BillingField({ line, index }: LineDetailsProps) {
  const id = useId();
  const side = useScenario().billing?.customers;
  const fallback = side?.fixedTerm ?? 'monthly';
  const applies =
    line.license.model === 'fixed-term' ||
    (line.license.model === 'payg' && line.license.convertTo !== null);
  return (
    <fieldset>
      <legend>Billing</legend>
      <Row
        id={id}
        label="Invoicing of the term"
        hint={
          applies
            ? 'How the customer is invoiced for the months of a term. Payment delay and the default are on the Pricing step.'
            : 'PAYG usage is invoiced month by month; this applies once the line converts to Fixed-Term.'
        }
      >
        <LineSelect
          line={line}
          field="billing"
          paths={`${at(index)}.billing`}
          name={{ id }}
          value={line.billing ?? ''}
          options={[
            {
              value: '',
              label: `As the customers' default (${BILLING_LABELS[fallback].toLowerCase()})`,
            },
            ...(['monthly', 'annual', 'upfront'] as const).map((m) => ({
              value: m,
              label: BILLING_LABELS[m],
            })),
          ]}
          toLine={(value) => {
            const { billing: _old, ...rest } = line;
            return value === '' ? rest : { ...line, billing: value };
          }}
        />
      </Row>
    </fieldset>
  );
}

type SellMode = 'default' | 'markup' | 'margin' | 'fixed';

function SellFields({ line, index, defaultMarkupPct, minMarginPct }: LineDetailsProps) {
  const modeId = useId();
  const pctId = useId();
  const monthlyId = useId();
  const oneOffId = useId();
  const currency = useScenario().priceTable.currency;
  const sell = line.sell;
  const mode: SellMode = sell === null ? 'default' : sell.mode;
  const seed = (next: SellMode): Sell => {
    switch (next) {
      case 'default':
        return null;
      case 'markup':
        return { mode: 'markup', pct: defaultMarkupPct };
      case 'margin':
        return { mode: 'margin', pct: Number(minMarginPct) < 100 ? minMarginPct : '30' };
      case 'fixed':
        return { mode: 'fixed', monthly: '0', oneOff: '0' };
    }
  };
  return (
    <fieldset>
      <legend>Sell price</legend>
      <Row id={modeId} label="Sell mode" hint="How this line's price to the customer is set.">
        <LineSelect
          line={line}
          field="sellMode"
          paths={`${at(index)}.sell`}
          name={{ id: modeId }}
          value={mode}
          options={[
            { value: 'default', label: `Default markup (${defaultMarkupPct} %)` },
            { value: 'markup', label: 'Markup on cost' },
            { value: 'margin', label: 'Target margin' },
            { value: 'fixed', label: 'Fixed price' },
          ]}
          toLine={(value) => ({ ...line, sell: seed(value as SellMode) })}
        />
      </Row>
      {sell !== null && sell.mode !== 'fixed' ? (
        <Row
          id={pctId}
          label={sell.mode === 'markup' ? 'Markup %' : 'Margin %'}
          hint={
            sell.mode === 'markup' ? 'On cost; may exceed 100.' : 'Of the sell price; below 100.'
          }
        >
          <LineTextInput
            line={line}
            field="sellPct"
            paths={`${at(index)}.sell.pct`}
            name={{ id: pctId }}
            inputMode="decimal"
            value={sell.pct}
            unit="%"
            toLine={(pct) => ({ ...line, sell: { ...sell, pct: pct.trim() } })}
          />
        </Row>
      ) : null}
      {sell?.mode === 'fixed' ? (
        <>
          <Row id={monthlyId} label="Monthly price" hint="Per customer, every active month.">
            <LineTextInput
              line={line}
              field="sellMonthly"
              paths={`${at(index)}.sell.monthly`}
              name={{ id: monthlyId }}
              inputMode="decimal"
              value={sell.monthly}
              unit={`${currency} / month`}
              toLine={(monthly) => ({ ...line, sell: { ...sell, monthly: monthly.trim() } })}
            />
          </Row>
          <Row id={oneOffId} label="One-off price" hint="Per customer, in its first month.">
            <LineTextInput
              line={line}
              field="sellOneOff"
              paths={`${at(index)}.sell.oneOff`}
              name={{ id: oneOffId }}
              inputMode="decimal"
              value={sell.oneOff}
              unit={currency}
              toLine={(oneOff) => ({ ...line, sell: { ...sell, oneOff: oneOff.trim() } })}
            />
          </Row>
        </>
      ) : null}
    </fieldset>
  );
}
