import { useCallback, useMemo, useState } from 'react';
import { useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import { Field, TextField } from '../../components/form/Field';
import { useSectionForm } from '../../components/form/use-section-form';
import { ScenarioObjectSchema, type Scenario } from '../../engine/index';
import { checkUniqueIds } from '../../engine/schema/common';
import { scenarioStore, useQuote, useScenarioStore } from '../../state/app-store';
import { moneyFormatter } from '../../components/format';
import { COMMISSION_KINDS } from '../../reports/columns';
import { quoteDigits, sumDecimals } from '../../reports/decimal';
import { describeDistributorRate, describeRate, displayName, partnerRate } from './rates';
import { linesOfPartner, withChannel } from './references';

type Channel = Scenario['channel'];

/** The channel part of the scenario: every field's rule and message come from the scenario schema. */
const ChannelSchema = ScenarioObjectSchema.shape.channel;
const DistributorFields = ChannelSchema.shape.distributors.element.shape;
const PartnerFields = ChannelSchema.shape.partners.element.shape;

/** A text box for a nullable field: empty, or what the scenario's rule accepts. */
function blankOr(rule: z.ZodType<string>) {
  return z.union([z.literal(''), rule]);
}

/**
 * The form's values: the channel with every null written as an empty text box
 * (see toForm / fromForm). The scenario's cross-list rules are checked here
 * too, so a duplicate id or a partner of a missing distributor shows at its
 * field and never reaches the store.
 */
const ChannelFormSchema = z
  .object({
    distributors: z.array(
      z.object({
        id: DistributorFields.id,
        name: DistributorFields.name,
        commissionPct: blankOr(DistributorFields.commissionPct.unwrap()),
        partnerCommissionPct: blankOr(DistributorFields.partnerCommissionPct.unwrap()),
      }),
    ),
    partners: z.array(
      z.object({
        id: PartnerFields.id,
        name: PartnerFields.name,
        distributorId: blankOr(PartnerFields.distributorId.unwrap()),
        commissionPct: blankOr(PartnerFields.commissionPct.unwrap()),
      }),
    ),
  })
  .superRefine((channel, ctx) => {
    checkUniqueIds(channel.distributors, ['distributors'], 'distributor', ctx);
    checkUniqueIds(channel.partners, ['partners'], 'partner', ctx);
    const ids = new Set(channel.distributors.map((d) => d.id));
    channel.partners.forEach((p, j) => {
      if (p.distributorId !== '' && !ids.has(p.distributorId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['partners', j, 'distributorId'],
          message: `distributor "${p.distributorId}" is not in the list: choose one, or none`,
        });
      }
    });
  });
type ChannelForm = z.infer<typeof ChannelFormSchema>;
type Form = UseFormReturn<ChannelForm>;

function toForm(channel: Channel): ChannelForm {
  return {
    distributors: channel.distributors.map((d) => ({
      id: d.id,
      name: d.name,
      commissionPct: d.commissionPct ?? '',
      partnerCommissionPct: d.partnerCommissionPct ?? '',
    })),
    partners: channel.partners.map((p) => ({
      id: p.id,
      name: p.name,
      distributorId: p.distributorId ?? '',
      commissionPct: p.commissionPct ?? '',
    })),
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s);

function fromForm(form: ChannelForm): Channel {
  return {
    distributors: form.distributors.map((d) => ({
      id: d.id,
      name: d.name,
      commissionPct: orNull(d.commissionPct),
      partnerCommissionPct: orNull(d.partnerCommissionPct),
    })),
    partners: form.partners.map((p) => ({
      id: p.id,
      name: p.name,
      distributorId: orNull(p.distributorId),
      commissionPct: orNull(p.commissionPct),
    })),
  };
}

/** The first id `prefix`1, `prefix`2, … not taken. */
function freshId(prefix: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((t) => t.id));
  let n = taken.length + 1;
  while (ids.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

function sameChannel(a: Channel, b: Channel): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A removal that needs a yes: the row and what still uses it. */
interface PendingRemoval {
  readonly list: 'distributors' | 'partners';
  readonly index: number;
  readonly id: string;
  /** The names of the customer lines (for a partner) or partners (for a distributor) using it. */
  readonly users: readonly string[];
}

/** Step 5 of the wizard: distributors and partners with their commissions. */
export function ChannelStep() {
  const channel = useScenarioStore((s) => s.scenario.channel);
  const value = useMemo(() => toForm(channel), [channel]);

  const onValid = useCallback((next: ChannelForm, field: string) => {
    const channel = fromForm(next);
    scenarioStore
      .getState()
      .edit((s) => (sameChannel(s.channel, channel) ? s : withChannel(s, channel)), {
        coalesceKey: field ? `channel.${field}` : 'channel',
      });
  }, []);

  const form = useSectionForm({ schema: ChannelFormSchema, value, onValid });
  const [pending, setPending] = useState<PendingRemoval | null>(null);

  /** Removes a row in one edit, clearing what used it; the form then follows the store. */
  const remove = useCallback(
    (list: PendingRemoval['list'], index: number) => {
      const values = form.getValues();
      const id = values[list][index]?.id ?? '';
      const next: ChannelForm =
        list === 'distributors'
          ? {
              distributors: values.distributors.filter((_, i) => i !== index),
              partners: values.partners.map((p) =>
                p.distributorId === id ? { ...p, distributorId: '' } : p,
              ),
            }
          : { ...values, partners: values.partners.filter((_, i) => i !== index) };
      setPending(null);
      const parsed = ChannelFormSchema.safeParse(next);
      if (parsed.success) {
        const channel = fromForm(parsed.data);
        scenarioStore.getState().edit((s) => withChannel(s, channel));
      } else {
        // other input is still bad: change the form only; the store follows once it is valid
        form.reset(next, { keepErrors: false });
        void form.trigger();
      }
    },
    [form],
  );

  const scenario = useScenarioStore((s) => s.scenario);
  const requestRemove = useCallback(
    (list: PendingRemoval['list'], index: number) => {
      const values = form.getValues();
      const id = values[list][index]?.id ?? '';
      const shared = values[list].filter((row) => row.id === id).length > 1;
      const users = shared
        ? []
        : list === 'partners'
          ? linesOfPartner(scenario, id).map((c) => displayName(c))
          : values.partners.filter((p) => p.distributorId === id).map((p) => displayName(p));
      if (users.length === 0) remove(list, index);
      else setPending({ list, index, id, users });
    },
    [form, remove, scenario],
  );

  return (
    <form className="channel-step" noValidate onSubmit={(e) => e.preventDefault()}>
      <Distributors
        form={form}
        pending={pending?.list === 'distributors' ? pending : null}
        onRemove={(i) => requestRemove('distributors', i)}
        onConfirm={(p) => remove(p.list, p.index)}
        onCancel={() => setPending(null)}
      />
      <Partners
        form={form}
        channel={channel}
        scenario={scenario}
        pending={pending?.list === 'partners' ? pending : null}
        onRemove={(i) => requestRemove('partners', i)}
        onConfirm={(p) => remove(p.list, p.index)}
        onCancel={() => setPending(null)}
      />
      <Commissions />
    </form>
  );
}

interface ListProps {
  form: Form;
  pending: PendingRemoval | null;
  onRemove: (index: number) => void;
  onConfirm: (pending: PendingRemoval) => void;
  onCancel: () => void;
}

function ConfirmRemoval({
  pending,
  what,
  consequence,
  onConfirm,
  onCancel,
}: {
  pending: PendingRemoval;
  what: string;
  consequence: string;
  onConfirm: (pending: PendingRemoval) => void;
  onCancel: () => void;
}) {
  const n = pending.users.length;
  return (
    <div className="channel-confirm" role="alert">
      <p>
        {what} {pending.users.join(', ')}. {consequence}
      </p>
      <button type="button" onClick={() => onConfirm(pending)}>
        Remove and clear {n === 1 ? '1 reference' : `${n} references`}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Keep it
      </button>
    </div>
  );
}

function Distributors({ form, pending, onRemove, onConfirm, onCancel }: ListProps) {
  const {
    control,
    register,
    getValues,
    trigger,
    formState: { errors },
  } = form;
  const { fields, append } = useFieldArray({ control, name: 'distributors' });
  const rows = useWatch({ control, name: 'distributors' });

  return (
    <section className="channel-list" aria-labelledby="channel-distributors-heading">
      <h3 id="channel-distributors-heading">Distributors</h3>
      <p className="field-hint">
        A distributor takes its own commission (Commission %) on the revenue of its partners&apos;
        customers, and sets the rate its partners inherit (Partner commission %) when they have none
        of their own. An empty percent is none.
      </p>
      {fields.length === 0 ? <p>No distributors.</p> : null}
      {fields.map((row, i) => {
        const e = errors.distributors?.[i];
        const name = rows?.[i]?.name || rows?.[i]?.id || '';
        return (
          <fieldset key={row.id} className="channel-row">
            <legend>{`Distributor ${i + 1}${name ? `: ${name}` : ''}`}</legend>
            <Field label="Id" error={e?.id?.message}>
              {(c) => (
                <input
                  {...c}
                  type="text"
                  autoComplete="off"
                  {...register(`distributors.${i}.id`, {
                    // a duplicate is reported at its later row; partners may point at it
                    onChange: () => void trigger(['distributors', 'partners']),
                  })}
                />
              )}
            </Field>
            <TextField
              label="Name"
              error={e?.name?.message}
              registration={register(`distributors.${i}.name`)}
            />
            <TextField
              label="Commission %"
              unit="%"
              error={e?.commissionPct?.message}
              inputMode="decimal"
              registration={register(`distributors.${i}.commissionPct`)}
            />
            <TextField
              label="Partner commission %"
              unit="%"
              error={e?.partnerCommissionPct?.message}
              inputMode="decimal"
              registration={register(`distributors.${i}.partnerCommissionPct`)}
            />
            <button type="button" onClick={() => onRemove(i)}>
              Remove distributor
            </button>
            {pending?.index === i ? (
              <ConfirmRemoval
                pending={pending}
                what={`${name} is the distributor of`}
                consequence="Removing it makes them direct partners."
                onConfirm={onConfirm}
                onCancel={onCancel}
              />
            ) : null}
          </fieldset>
        );
      })}
      <button
        type="button"
        onClick={() =>
          append({
            id: freshId('d', getValues('distributors')),
            name: '',
            commissionPct: '',
            partnerCommissionPct: '',
          })
        }
      >
        Add distributor
      </button>
    </section>
  );
}

function Partners({
  form,
  channel,
  scenario,
  pending,
  onRemove,
  onConfirm,
  onCancel,
}: ListProps & { channel: Channel; scenario: Scenario }) {
  const {
    control,
    register,
    getValues,
    trigger,
    formState: { errors },
  } = form;
  const { fields, append } = useFieldArray({ control, name: 'partners' });
  const rows = useWatch({ control, name: 'partners' });
  const distributors = useWatch({ control, name: 'distributors' });

  return (
    <section className="channel-list" aria-labelledby="channel-partners-heading">
      <h3 id="channel-partners-heading">Partners</h3>
      <p className="field-hint">
        A partner earns its commission (Commission %) on its customers&apos; revenue; left empty, it
        inherits its distributor&apos;s partner rate. Changing a partner&apos;s id updates the
        customer lines it serves.
      </p>
      {fields.length === 0 ? <p>No partners.</p> : null}
      {fields.map((row, i) => {
        const e = errors.partners?.[i];
        const current = rows?.[i];
        const id = current?.id ?? '';
        const name = current?.name || id;
        const distributorId = current?.distributorId ?? '';
        const known = (distributors ?? []).some((d) => d.id === distributorId);
        // the rate of what is in the store (the last valid input), found by id
        const saved = channel.partners.find((p) => p.id === id);
        const rate = saved ? partnerRate(saved, channel.distributors) : null;
        const extra = rate ? describeDistributorRate(rate) : null;
        const lines = linesOfPartner(scenario, id).length;
        return (
          <fieldset key={row.id} className="channel-row">
            <legend>{`Partner ${i + 1}${name ? `: ${name}` : ''}`}</legend>
            <Field label="Id" error={e?.id?.message}>
              {(c) => (
                <input
                  {...c}
                  type="text"
                  autoComplete="off"
                  {...register(`partners.${i}.id`, {
                    onChange: () => void trigger('partners'),
                  })}
                />
              )}
            </Field>
            <TextField
              label="Name"
              error={e?.name?.message}
              registration={register(`partners.${i}.name`)}
            />
            <Field
              label="Distributor"
              path={`channel.partners[${i}].distributorId channel.partners[${i}]`}
              error={e?.distributorId?.message}
            >
              {(c) => (
                <select {...c} {...register(`partners.${i}.distributorId`)}>
                  <option value="">None — a direct partner</option>
                  {distributorId !== '' && !known ? (
                    <option value={distributorId}>{distributorId} (not in the list)</option>
                  ) : null}
                  {(distributors ?? []).map((d, k) =>
                    d.id === '' ? null : (
                      <option key={`${k}-${d.id}`} value={d.id}>
                        {d.name || d.id}
                      </option>
                    ),
                  )}
                </select>
              )}
            </Field>
            <TextField
              label="Commission %"
              unit="%"
              error={e?.commissionPct?.message}
              inputMode="decimal"
              registration={register(`partners.${i}.commissionPct`)}
            />
            <p className="channel-rate">
              {rate ? (
                <>
                  Effective rate: <strong>{describeRate(rate)}</strong>
                  {extra ? `; ${extra}` : ''}
                </>
              ) : (
                'Effective rate: — (not saved yet)'
              )}
            </p>
            <p className="channel-lines">
              {lines === 1 ? 'Serves 1 customer line' : `Serves ${lines} customer lines`}
            </p>
            <button type="button" onClick={() => onRemove(i)}>
              Remove partner
            </button>
            {pending?.index === i ? (
              <ConfirmRemoval
                pending={pending}
                what={`${name} serves the customer lines`}
                consequence="Removing it makes those lines direct sales, with no commissions."
                onConfirm={onConfirm}
                onCancel={onCancel}
              />
            ) : null}
          </fieldset>
        );
      })}
      <button
        type="button"
        onClick={() =>
          append({
            id: freshId('p', getValues('partners')),
            name: '',
            distributorId: '',
            commissionPct: '',
          })
        }
      >
        Add partner
      </button>
    </section>
  );
}

/** The channel's commissions over the horizon, read from the quote: one row per kind. */
function Commissions() {
  const result = useQuote();
  const totals = useMemo(() => {
    if (!result.ok) return null;
    const { quote } = result;
    const digits = quoteDigits(quote);
    return {
      rows: COMMISSION_KINDS.map((kind) => ({
        key: kind.key,
        label: kind.short,
        amount: sumDecimals(quote.months.map(kind.read), digits),
      })),
      money: moneyFormatter(quote.currency),
    };
  }, [result]);

  return (
    <section className="channel-commissions" aria-labelledby="channel-commissions-heading">
      <h3 id="channel-commissions-heading">Commissions over the horizon</h3>
      {!result.ok ? (
        <p className="summary-problem">{result.message}</p>
      ) : totals ? (
        <table aria-label="Commission totals">
          <tbody>
            {totals.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td>{totals.money(row.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
