import { useId, useMemo, useRef, useState } from 'react';
import { Field } from '../../components/form/Field';
import { useFieldReveal } from '../../components/form/field-focus';
import {
  whiteLabelVolume,
  type AppEntry,
  type CustomerLine,
  type PriceTable,
  type QuoteIssue,
  type WhiteLabelVolume,
} from '../../engine/index';
import { localToday, scenarioStore, useQuote, useScenario } from '../../state/app-store';
import { moneyFormatter } from '../../components/format';
import { usePendingInput } from '../../components/form/input-status';
import { issueText, labelOfPath, plainSchemaMessage } from '../../reports/issue-text';
import './apps.css';
import {
  appendEntry,
  bundleOptions,
  checkEntry,
  customerApps,
  entryIssues,
  hasChildApps,
  hasMainWhiteLabel,
  listIssues,
  MAIN_APPS,
  newCustomerApp,
  newMainApp,
  numberInput,
  removeEntry,
  replaceEntry,
  withProvisioning,
  type AppsHolder,
} from './entries';

type Apps = PriceTable['apps'];

const nameOf = (line: CustomerLine) => line.name || line.id;

/**
 * Checks an edited entry with `AppEntrySchema`: a valid one goes to the store (one undo step
 * per field while typing); otherwise its message, and the store is left as it is.
 */
function commit(holder: AppsHolder, index: number, candidate: unknown, field: string) {
  const checked = checkEntry(candidate);
  if (!checked.ok) return checked;
  scenarioStore.getState().edit((s) => replaceEntry(s, holder, index, checked.entry), {
    coalesceKey: `${holder.key}.${index}.${field}`,
  });
  return checked;
}

/** A typed number that keeps bad input on screen, with its message, until it is fixed. */
function NumberCell({
  label,
  field,
  value,
  onText,
}: {
  label: string;
  /** The scenario path it edits, for links to the field to fix (`mainApps[0].count`). */
  field: string;
  value: number;
  /** Commits the text; returns the schema's message when it is not valid. */
  onText: (text: string) => { ok: true; value: number } | { ok: false; message: string };
}) {
  // the text as typed, kept while it is invalid or still says the store's value ("05" for 5);
  // an undo or any other change of the store's value shows the store's value again
  const [draft, setDraft] = useState<{ text: string; error: string | null; base: number } | null>(
    null,
  );
  const live = draft !== null && draft.base === value ? draft : null;
  const errorId = useId();
  // the schema's message in people's words, and reported to the live summary (ADR 026)
  const fieldLabel = labelOfPath(field, null) ?? 'This field';
  const message = live?.error ? plainSchemaMessage(live.error, fieldLabel) : null;
  usePendingInput(live?.error, field, fieldLabel);
  return (
    <>
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="apps-number"
        aria-label={label}
        data-field={field}
        aria-invalid={live?.error ? true : false}
        aria-describedby={live?.error ? errorId : undefined}
        value={live ? live.text : String(value)}
        onChange={(e) => {
          const text = e.target.value;
          const result = onText(text);
          setDraft(
            result.ok
              ? { text, error: null, base: result.value }
              : { text, error: result.message, base: value },
          );
        }}
        onBlur={() => {
          if (!live?.error) setDraft(null);
        }}
      />
      {message ? (
        <span id={errorId} className="field-error apps-message" role="alert">
          {message}
        </span>
      ) : null}
    </>
  );
}

const PROVISIONING = [
  { value: 'standalone', label: 'Standalone' },
  { value: 'child', label: 'Child' },
] as const;

/** The issue of `issues` at the field `field` of the entry, for aria-describedby. */
function describedBy(
  issues: readonly QuoteIssue[],
  at: string,
  field: string,
  ids: readonly string[],
): string | undefined {
  const hit = issues.map((issue, k) => (issue.path === `${at}.${field}` ? ids[k] : null));
  return hit.filter(Boolean).join(' ') || undefined;
}

interface EntryRowProps {
  holder: AppsHolder;
  entry: AppEntry;
  index: number;
  /** "main app" or "Müller GmbH app": the controls are named "Count of main app 1". */
  owner: string;
  apps: Apps | null;
  issues: readonly QuoteIssue[];
  columns: number;
  onRemove: (index: number) => void;
  /** True once for a row just added: its first control takes the focus. */
  takeFocus: (index: number) => boolean;
}

function EntryRow({
  holder,
  entry,
  index,
  owner,
  apps,
  issues,
  columns,
  onRemove,
  takeFocus,
}: EntryRowProps) {
  const row = `${owner} ${index + 1}`;
  const at = `${holder.path}[${index}]`;
  const scenario = useScenario();
  const issueId = useId();
  const issueIds = issues.map((_, k) => `${issueId}-${k}`);
  const options = bundleOptions(apps, entry.provisioning);
  const known = options.some((o) => o.value === entry.bundle);
  const [selectError, setSelectError] = useState<string | null>(null);
  const selectErrorId = useId();

  const commitSelect = (candidate: AppEntry, field: string) => {
    const checked = commit(holder, index, candidate, field);
    setSelectError(checked.ok ? null : checked.message);
  };
  const numberField = (field: 'count' | 'usersPerApp') => (text: string) => {
    const checked = commit(holder, index, { ...entry, [field]: numberInput(text) }, field);
    return checked.ok
      ? { ok: true as const, value: checked.entry[field] }
      : { ok: false as const, message: checked.message };
  };

  return (
    <>
      <tr>
        <th scope="row">{index + 1}</th>
        <td>
          <select
            aria-label={`Bundle of ${row}`}
            data-field={`${at} ${at}.bundle`}
            aria-invalid={selectError !== null}
            aria-describedby={
              [selectError ? selectErrorId : '', describedBy(issues, at, 'bundle', issueIds) ?? '']
                .filter(Boolean)
                .join(' ') || undefined
            }
            value={entry.bundle}
            ref={(el) => {
              if (el && takeFocus(index)) el.focus();
            }}
            onChange={(e) => commitSelect({ ...entry, bundle: e.target.value }, 'bundle')}
          >
            {known ? null : (
              <option value={entry.bundle}>
                {entry.provisioning === 'child'
                  ? `${entry.bundle} (not offered as a child app)`
                  : `${entry.bundle} (not in the price table)`}
              </option>
            )}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {selectError ? (
            <span id={selectErrorId} className="field-error apps-message" role="alert">
              {selectError}
            </span>
          ) : null}
        </td>
        <td>
          <select
            aria-label={`Provisioning of ${row}`}
            data-field={`${at}.provisioning`}
            aria-describedby={describedBy(issues, at, 'provisioning', issueIds)}
            value={entry.provisioning}
            onChange={(e) =>
              commitSelect(
                withProvisioning(entry, e.target.value === 'child' ? 'child' : 'standalone', apps),
                'provisioning',
              )
            }
          >
            {PROVISIONING.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </td>
        <td>
          <NumberCell
            label={`Count of ${row}`}
            field={`${at}.count`}
            value={entry.count}
            onText={numberField('count')}
          />
        </td>
        <td>
          <NumberCell
            label={`Users per app of ${row}`}
            field={`${at}.usersPerApp`}
            value={entry.usersPerApp}
            onText={numberField('usersPerApp')}
          />
        </td>
        <td>
          <button type="button" aria-label={`Remove ${row}`} onClick={() => onRemove(index)}>
            Remove
          </button>
        </td>
      </tr>
      {issues.length > 0 ? (
        <tr className="apps-issue-row">
          <td colSpan={columns}>
            <ul className="apps-issues">
              {issues.map((issue, k) => (
                <li key={k} id={issueIds[k]} className={`apps-issue-${issue.level}`}>
                  <strong>{issue.level === 'error' ? 'Error' : 'Warning'}</strong>
                  {` (${row}): ${issueText(issue, scenario).message}`}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ) : null}
    </>
  );
}

interface AppEntriesProps {
  holder: AppsHolder;
  entries: readonly AppEntry[];
  owner: string;
  caption: string;
  addLabel: string;
  newEntry: () => AppEntry;
  apps: Apps | null;
  issues: readonly QuoteIssue[];
}

const COLUMNS = 6;

/** The editor of one list of app entries: a row per entry, add and remove. */
function AppEntries({
  holder,
  entries,
  owner,
  caption,
  addLabel,
  newEntry,
  apps,
  issues,
}: AppEntriesProps) {
  const scenario = useScenario();
  const addRef = useRef<HTMLButtonElement>(null);
  /** The row just added, whose first control takes the focus when it mounts. */
  const focusRow = useRef<number | null>(null);
  const takeFocus = (index: number) => {
    if (focusRow.current !== index) return false;
    focusRow.current = null;
    return true;
  };
  const own = listIssues(issues, holder.path);

  const remove = (index: number) => {
    scenarioStore.getState().edit((s) => removeEntry(s, holder, index));
    focusRow.current = null;
    addRef.current?.focus(); // the row and its button are gone: keep the keyboard in the list
  };
  const add = () => {
    focusRow.current = entries.length;
    scenarioStore.getState().edit((s) => appendEntry(s, holder, newEntry()));
  };

  return (
    <>
      {own.map((issue, k) => (
        <p key={k} className={`apps-issue-${issue.level}`}>
          {issueText(issue, scenario).message}
        </p>
      ))}
      {entries.length === 0 ? (
        <p>{`No ${owner}s yet.`}</p>
      ) : (
        <table className="pricing-lines apps-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">App</th>
              <th scope="col">Bundle</th>
              <th scope="col">Provisioning</th>
              <th scope="col">Count</th>
              <th scope="col">Users per app</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, i) => (
              // keyed by the list's length too: after an add or a removal every row starts
              // afresh, so no typed draft moves to another entry
              <EntryRow
                key={`${entries.length}-${i}`}
                holder={holder}
                entry={entry}
                index={i}
                owner={owner}
                apps={apps}
                issues={entryIssues(issues, holder.path, i)}
                columns={COLUMNS}
                onRemove={remove}
                takeFocus={takeFocus}
              />
            ))}
          </tbody>
        </table>
      )}
      <button type="button" ref={addRef} data-field={holder.path} onClick={add}>
        {addLabel}
      </button>
    </>
  );
}

/** Which bundles can be child apps, in words. */
function childBundles(apps: Apps | null): string {
  const names = bundleOptions(apps, 'child').map((o) => o.label);
  return names.length === 0 ? 'none in this price table' : names.join(', ');
}

function MainApps({ apps, issues }: { apps: Apps | null; issues: readonly QuoteIssue[] }) {
  const scenario = useScenario();
  const headingId = useId();
  const needsMain = hasChildApps(scenario) && !hasMainWhiteLabel(scenario);
  return (
    <section className="apps-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Main apps</h3>
      <p className="field-hint">
        The MSP&apos;s own apps, active in every month of the horizon and priced as platform cost. A
        standalone White Label main app is what customers&apos; child apps are provisioned from.
      </p>
      {needsMain ? (
        <p className="apps-hint">
          Child apps are configured, but there is no standalone White Label main app to provision
          them from: add one here, or make those apps standalone.
        </p>
      ) : null}
      <AppEntries
        holder={MAIN_APPS}
        entries={scenario.mainApps}
        owner="main app"
        caption={`Main apps (${scenario.mainApps.length})`}
        addLabel="Add main app"
        newEntry={() => newMainApp(apps)}
        apps={apps}
        issues={issues}
      />
    </section>
  );
}

/** What a line's apps are, in a few words: "2 × White Label, 1 × Full Feature (child)". */
function appsSummary(entries: readonly AppEntry[], apps: Apps | null): string {
  const name = (id: string) => apps?.bundles.find((b) => b.id === id)?.name ?? id;
  return entries
    .map((e) => `${e.count} × ${name(e.bundle)}${e.provisioning === 'child' ? ' (child)' : ''}`)
    .join(', ');
}

/** How many of the quote's issues are about each line's apps, by line id. */
function appIssueCounts(
  customers: readonly CustomerLine[],
  issues: readonly QuoteIssue[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const issue of issues) {
    const match = /^customers\[(\d+)\]\.apps\[/.exec(issue.path);
    const line = match ? customers[Number(match[1])] : undefined;
    if (line) counts.set(line.id, (counts.get(line.id) ?? 0) + 1);
  }
  return counts;
}

function issueCount(n: number): string {
  if (n === 0) return '';
  return n === 1 ? ' (1 issue)' : ` (${n} issues)`;
}

function CustomerApps({ apps, issues }: { apps: Apps | null; issues: readonly QuoteIssue[] }) {
  const scenario = useScenario();
  const customers = scenario.customers;
  const headingId = useId();
  const listId = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const withApps = customers.filter((c) => c.apps.length > 0);
  const issuesOf = appIssueCounts(customers, issues);
  const names = new Map<string, number>();
  for (const c of customers) names.set(nameOf(c), (names.get(nameOf(c)) ?? 0) + 1);
  // the chosen line; else (none chosen yet, or it was removed) the first whose apps have
  // issues, the first with apps, or the first
  const selected =
    customers.find((c) => c.id === chosen) ??
    withApps.find((c) => (issuesOf.get(c.id) ?? 0) > 0) ??
    withApps[0] ??
    customers[0];
  const index = selected ? customers.indexOf(selected) : -1;
  const holder = selected ? customerApps(selected.id, index) : null;
  // a link to the field to fix (`customers[2].apps[0].count`) selects its line first
  useFieldReveal((path) => {
    const match = /^customers\[(\d+)\]\.apps(?:$|[.[])/.exec(path);
    const line = match ? customers[Number(match[1])] : undefined;
    if (line) setChosen(line.id);
  });

  return (
    <section className="apps-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Customer apps</h3>
      <p className="field-hint">
        Apps of one customer line. Each of the line&apos;s customers has its own, so a line of count
        c holds c × each entry&apos;s count. Child apps are provisioned from the main White Label
        app at child prices; bundles offered as child apps: {childBundles(apps)}.
      </p>
      {customers.length === 0 ? (
        <p>No customer lines yet: add them on the Customers step.</p>
      ) : (
        <>
          <Field label="Customer">
            {(control) => (
              <select
                {...control}
                value={selected?.id ?? ''}
                onChange={(e) => setChosen(e.target.value)}
              >
                {customers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {(names.get(nameOf(c)) ?? 0) > 1 ? `${nameOf(c)} (${c.id})` : nameOf(c)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <h4 id={listId} className="apps-lines-heading">
            Lines with apps
          </h4>
          {withApps.length === 0 ? (
            <p>No customer line has apps yet.</p>
          ) : (
            <ul className="apps-lines" aria-labelledby={listId}>
              {withApps.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    aria-pressed={c.id === selected?.id}
                    onClick={() => setChosen(c.id)}
                  >
                    {`${nameOf(c)}: ${appsSummary(c.apps, apps)}${issueCount(issuesOf.get(c.id) ?? 0)}`}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {selected && holder ? (
            <>
              <p className="apps-selected">
                {selected.count === 1
                  ? `${nameOf(selected)}: 1 customer.`
                  : `${nameOf(selected)}: ${selected.count} customers, each with the apps below.`}
              </p>
              <AppEntries
                key={selected.id}
                holder={holder}
                entries={selected.apps}
                owner={`${nameOf(selected)} app`}
                caption={`Apps of ${nameOf(selected)} (${selected.apps.length})`}
                addLabel={`Add app to ${nameOf(selected)}`}
                newEntry={() => newCustomerApp(scenarioStore.getState().scenario, apps)}
                apps={apps}
                issues={issues}
              />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}

/** "3–5", "11 or more", "1". */
export function tierRange(from: number, upTo: number | null): string {
  if (upTo === null) return `${from} or more`;
  return from === upTo ? String(from) : `${from}–${upTo}`;
}

const FEES: Record<string, string> = {
  setupFee: 'setup fee',
  monthlyFee: 'monthly fee',
  perUser: 'per-user price',
};

const instances = (n: number) => (n === 1 ? '1 instance' : `${n} instances`);

function VolumeFigures({ volume }: { volume: WhiteLabelVolume }) {
  const money = useMemo(() => moneyFormatter(volume.currency), [volume.currency]);
  const reached = volume.tiers[volume.reached]!;
  const { next } = volume;
  const fees = volume.appliesTo.map((f) => FEES[f] ?? f);
  return (
    <>
      <p className="field-hint">
        {volume.mode === 'volume'
          ? 'Volume mode: in each month every standalone White Label app takes the discount of the tier that month’s total falls in.'
          : 'Graduated mode: in each month the app ranked k (main apps first) takes the discount of the tier k falls in.'}{' '}
        {fees.length === 0
          ? 'This price table applies the discount to no fee.'
          : `The discount applies to the ${fees.join(' and ')}.`}
      </p>
      <table className="pricing-lines apps-tiers">
        <caption>White Label volume tiers</caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">Instances</th>
            <th scope="col">Discount</th>
            <th scope="col">This deal</th>
          </tr>
        </thead>
        <tbody>
          {volume.tiers.map((tier) => {
            const isReached = tier.index === volume.reached;
            return (
              <tr
                key={tier.index}
                className={isReached ? 'apps-tier-reached' : undefined}
                aria-current={isReached ? 'true' : undefined}
              >
                <th scope="row">{`Tier ${tier.index + 1}`}</th>
                <td>{tierRange(tier.from, tier.upTo)}</td>
                <td>{`${tier.discountPct} %`}</td>
                <td>{isReached ? 'Reached' : tier.index === next?.index ? 'Next' : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p data-testid="apps-peak">
        {volume.peakInstances === 0
          ? `This deal has no standalone White Label apps yet, so tier 1 applies (${reached.discountPct} % off).`
          : `Peak: ${instances(volume.peakInstances)} in month ${volume.peakMonth} (${volume.peakPeriod}), tier ${reached.index + 1}: ${reached.discountPct} % off.`}
      </p>
      <p data-testid="apps-next">
        {next === null
          ? `The last tier is reached: ${reached.discountPct} % off, the best this price table offers.`
          : volume.peakInstances === 0
            ? `Next tier: ${instances(next.instancesToGo)} → ${next.discountPct} % off.`
            : `Next tier: ${next.instancesToGo} more ${next.instancesToGo === 1 ? 'instance' : 'instances'} → ${next.discountPct} % off; priced at that tier this deal’s white-label apps would cost ${money(next.saving)} less over the horizon.`}
      </p>
    </>
  );
}

function VolumeDiscount() {
  const scenario = useScenario();
  const result = useQuote();
  const today = localToday();
  const entry = result.ok ? result.table : null;
  const volume = useMemo(
    () =>
      entry ? whiteLabelVolume(scenario, entry.table, { today, tableSha256: entry.sha256 }) : null,
    [scenario, entry, today],
  );
  const errors = result.ok ? result.quote.issues.filter((i) => i.level === 'error').length : 0;
  const headingId = useId();
  return (
    <section className="apps-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Volume discount</h3>
      {!result.ok ? (
        <p className="summary-problem">{result.message}</p>
      ) : volume === null ? (
        <p className="apps-hint">
          {`The volume figures wait for the scenario's ${errors === 1 ? 'error' : `${errors} errors`} to be fixed (see the issues in the summary).`}
        </p>
      ) : (
        <VolumeFigures volume={volume} />
      )}
    </section>
  );
}

/** Step 4 of the wizard: the MSP's main apps, each customer line's apps, the volume discount. */
export function AppsStep() {
  const result = useQuote();
  const apps = result.ok ? result.table.table.apps : null;
  const issues = result.ok ? result.quote.issues : [];
  return (
    <div className="apps-step">
      <MainApps apps={apps} issues={issues} />
      <CustomerApps apps={apps} issues={issues} />
      <VolumeDiscount />
    </div>
  );
}
