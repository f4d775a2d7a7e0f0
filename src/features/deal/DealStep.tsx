import { useCallback, useMemo, type ChangeEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Field } from '../../components/form/Field';
import { LogoField } from './LogoField';
import { useSectionForm } from '../../components/form/use-section-form';
import { ScenarioObjectSchema, type Scenario } from '../../engine/index';
import { versionsOf, type Registry, type TableEntry } from '../../price-tables/registry';
import { scenarioStore, useScenarioStore } from '../../state/app-store';
import { useRegistry } from '../../state/custom-tables';

/** The fields of the Deal step, with the rules and messages of the scenario schema. */
const DealSchema = ScenarioObjectSchema.pick({
  title: true,
  preparedBy: true,
  preparedFor: true,
  startPeriod: true,
  horizonMonths: true,
}).extend({
  // the logo has its own control (LogoField), outside the form
  brand: ScenarioObjectSchema.shape.brand.pick({ name: true, primaryColor: true }),
});

type DealValues = {
  title: string;
  preparedBy: { name: string; company: string };
  preparedFor: { name: string; company: string };
  startPeriod: string;
  horizonMonths: number;
  brand: { name: string; primaryColor: string };
};

type PriceTableId = Scenario['priceTable'];

type PriceBooks = readonly { label: string; entries: readonly TableEntry[] }[];

/** The tables (bundled and custom) grouped by product and currency, each group oldest first. */
function priceBooksOf(registry: Registry): PriceBooks {
  const seen = new Set<string>();
  const groups: { label: string; entries: TableEntry[] }[] = [];
  for (const { table } of registry.entries) {
    const key = `${table.product}\u0000${table.currency}`;
    if (seen.has(key)) continue;
    seen.add(key);
    groups.push({
      label: `${table.product} · ${table.currency}`,
      entries: versionsOf(registry, table.product, table.currency),
    });
  }
  return groups;
}

function sameTable(entry: TableEntry, id: PriceTableId): boolean {
  return (
    entry.table.product === id.product &&
    entry.table.currency === id.currency &&
    entry.table.version === id.version
  );
}

function isSample(entry: TableEntry): boolean {
  return /\bsample\b/i.test(entry.table.notes);
}

/** Step 1 of the wizard: the price book, the period of the deal, who it is for and the brand. */
export function DealStep() {
  return (
    <div className="deal-form">
      <PriceBook />
      <DealFields />
    </div>
  );
}

function PriceBook() {
  const registry = useRegistry();
  const books = useMemo(() => priceBooksOf(registry), [registry]);
  const allEntries = useMemo(() => books.flatMap((g) => g.entries), [books]);
  const priceTable = useScenarioStore((s) => s.scenario.priceTable);
  const selected = allEntries.findIndex((e) => sameTable(e, priceTable));
  const entry = selected >= 0 ? allEntries[selected] : undefined;

  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = allEntries[Number(event.target.value)];
    if (!next) return;
    const { product, currency, version } = next.table;
    scenarioStore
      .getState()
      .edit((s) =>
        sameTable(next, s.priceTable) ? s : { ...s, priceTable: { product, currency, version } },
      );
  };

  return (
    <fieldset>
      <legend>Price book</legend>
      <Field
        label="Price table"
        path="priceTable"
        hint="The product, currency and version of the list prices the quote uses."
        error={
          entry
            ? undefined
            : `The scenario's price table ${priceTable.product} ${priceTable.currency} ${priceTable.version} is not available; choose one of the price tables.`
        }
      >
        {(control) => (
          <select {...control} value={selected >= 0 ? String(selected) : ''} onChange={onChange}>
            {selected < 0 ? (
              <option value="" disabled>
                {priceTable.product} · {priceTable.currency} · {priceTable.version} (not available)
              </option>
            ) : null}
            {books.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.entries.map((e) => (
                  <option
                    key={`${e.table.product}|${e.table.currency}|${e.table.version}`}
                    value={String(allEntries.indexOf(e))}
                  >
                    {e.table.product} · {e.table.currency} · {e.table.version} (effective{' '}
                    {e.table.effectiveFrom}){e.custom ? ' (custom)' : ''}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      {entry ? (
        <dl className="price-book-details" aria-label="Selected price table">
          <div>
            <dt>Effective from</dt>
            <dd>{entry.table.effectiveFrom}</dd>
          </div>
          <div>
            <dt>Valid until</dt>
            <dd>{entry.table.validUntil ?? 'No end date'}</dd>
          </div>
          <div>
            <dt>Notes</dt>
            <dd>
              {isSample(entry) ? <strong className="sample-badge">Sample prices</strong> : null}{' '}
              {entry.custom ? <strong className="sample-badge">Custom price table</strong> : null}{' '}
              {entry.table.notes}
            </dd>
          </div>
        </dl>
      ) : null}
    </fieldset>
  );
}

function DealFields() {
  const picked = useScenarioStore(
    useShallow((s) => ({
      title: s.scenario.title,
      preparedBy: s.scenario.preparedBy,
      preparedFor: s.scenario.preparedFor,
      startPeriod: s.scenario.startPeriod,
      horizonMonths: s.scenario.horizonMonths,
      brandName: s.scenario.brand.name,
      primaryColor: s.scenario.brand.primaryColor,
    })),
  );
  const value = useMemo<DealValues>(
    () => ({
      title: picked.title,
      preparedBy: picked.preparedBy,
      preparedFor: picked.preparedFor,
      startPeriod: picked.startPeriod,
      horizonMonths: picked.horizonMonths,
      brand: { name: picked.brandName, primaryColor: picked.primaryColor },
    }),
    [picked],
  );

  const onValid = useCallback((next: DealValues, field: string) => {
    scenarioStore.getState().edit(
      (s) => {
        const changed =
          s.title !== next.title ||
          s.startPeriod !== next.startPeriod ||
          s.horizonMonths !== next.horizonMonths ||
          s.preparedBy.name !== next.preparedBy.name ||
          s.preparedBy.company !== next.preparedBy.company ||
          s.preparedFor.name !== next.preparedFor.name ||
          s.preparedFor.company !== next.preparedFor.company ||
          s.brand.name !== next.brand.name ||
          s.brand.primaryColor !== next.brand.primaryColor;
        if (!changed) return s; // the form echoing the store (after undo, a reset) is no edit
        return {
          ...s,
          title: next.title,
          preparedBy: { ...next.preparedBy },
          preparedFor: { ...next.preparedFor },
          startPeriod: next.startPeriod,
          horizonMonths: next.horizonMonths,
          brand: { ...s.brand, name: next.brand.name, primaryColor: next.brand.primaryColor },
        };
      },
      field ? { coalesceKey: field } : undefined,
    );
  }, []);

  const form = useSectionForm<DealValues>({ schema: DealSchema, value, onValid });
  const {
    register,
    setValue,
    formState: { errors },
  } = form;

  return (
    <>
      <fieldset>
        <legend>Period</legend>
        <Field
          label="Start month"
          path="startPeriod"
          hint="Month 1 of the quote."
          error={errors.startPeriod?.message}
        >
          {(control) => <input type="month" {...control} {...register('startPeriod')} />}
        </Field>
        <Field
          label="Horizon (months)"
          unit="months"
          path="horizonMonths"
          hint="From 1 to 120 months."
          error={errors.horizonMonths?.message}
        >
          {(control) => (
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={120}
              step={1}
              {...control}
              {...register('horizonMonths', { valueAsNumber: true })}
            />
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>The proposal</legend>
        <Field label="Title" path="title" error={errors.title?.message}>
          {(control) => <input type="text" {...control} {...register('title')} />}
        </Field>
        <Field label="Prepared by: name" error={errors.preparedBy?.name?.message}>
          {(control) => (
            <input type="text" autoComplete="name" {...control} {...register('preparedBy.name')} />
          )}
        </Field>
        <Field label="Prepared by: company" error={errors.preparedBy?.company?.message}>
          {(control) => (
            <input
              type="text"
              autoComplete="organization"
              {...control}
              {...register('preparedBy.company')}
            />
          )}
        </Field>
        <Field label="Prepared for: name" error={errors.preparedFor?.name?.message}>
          {(control) => <input type="text" {...control} {...register('preparedFor.name')} />}
        </Field>
        <Field label="Prepared for: company" error={errors.preparedFor?.company?.message}>
          {(control) => <input type="text" {...control} {...register('preparedFor.company')} />}
        </Field>
      </fieldset>

      <fieldset>
        <legend>Brand</legend>
        <Field label="Brand name" error={errors.brand?.name?.message}>
          {(control) => <input type="text" {...control} {...register('brand.name')} />}
        </Field>
        <Field label="Primary colour" hint="Pick a colour, or type its hex code below.">
          {(control) => (
            <input
              type="color"
              {...control}
              // the picker always shows the last valid colour, so it never holds a bad one
              value={value.brand.primaryColor.toLowerCase()}
              onChange={(e) =>
                setValue('brand.primaryColor', e.target.value, {
                  shouldValidate: true,
                  shouldDirty: true,
                })
              }
            />
          )}
        </Field>
        <Field
          label="Primary colour (hex)"
          hint='Written "#rrggbb", for example #1f4e79.'
          error={errors.brand?.primaryColor?.message}
        >
          {(control) => (
            <input
              type="text"
              spellCheck={false}
              autoComplete="off"
              {...control}
              {...register('brand.primaryColor')}
            />
          )}
        </Field>
        <LogoField />
      </fieldset>
    </>
  );
}
