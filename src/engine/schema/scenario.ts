import { z } from 'zod';
import {
  checkUniqueIds,
  Count,
  Hours,
  Id,
  MarkupPercent,
  Money,
  MonthIndex,
  Percent,
  Period,
  PositiveCount,
  Text,
} from './common';
import { dataUrlImageSize, LOGO_MAX_SIDE, sizeLabel, withinLogoSide } from '../image-size';

/**
 * The newest scenario document version; older ones are migrated before parsing
 * (`./scenario-migrations.ts`). The schema parses this version only.
 */
export const SCENARIO_SCHEMA_VERSION = 2;

/** The most changes a customer line may carry (PRICING.md §7). */
export const CHANGES_MAX = 120;

/** 512 KB of image bytes; the base64 text is 4/3 of that. */
export const LOGO_MAX_BYTES = 512 * 1024;

/** Bytes of image data a base64 payload decodes to (its padding excluded). */
function base64Bytes(payload: string): number {
  const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
  return (payload.length * 3) / 4 - padding;
}

const Logo = z
  .string({ error: 'must be null or a data:image/png or data:image/jpeg URL' })
  .regex(
    /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
    {
      error: 'must be a data:image/png;base64,… or data:image/jpeg;base64,… URL',
    },
  )
  .refine((url) => base64Bytes(url.slice(url.indexOf(',') + 1)) <= LOGO_MAX_BYTES, {
    error: 'the logo image must be at most 512 KB',
  })
  // a small file can declare a huge image (issue 11): the header is read, never the pixels;
  // a header that cannot be read is left to the app's decoding and the PDF's own check
  .superRefine((url, ctx) => {
    const size = dataUrlImageSize(url);
    if (size && !withinLogoSide(size)) {
      ctx.addIssue({
        code: 'custom',
        message: `the logo image is ${sizeLabel(size)}; a logo may be at most ${LOGO_MAX_SIDE} × ${LOGO_MAX_SIDE} pixels`,
      });
    }
  });

const Party = z.object({ name: Text(1000), company: Text(1000) });

export const AppEntrySchema = z.object({
  bundle: Id,
  // PRICING.md §4: "negative numbers or `count` < 1 fail the schema"
  count: PositiveCount,
  usersPerApp: Count,
  provisioning: z.enum(['standalone', 'child'], {
    error: 'provisioning must be "standalone" or "child"',
  }),
});
export type AppEntry = z.infer<typeof AppEntrySchema>;

const ConvertTo = z.object({ atMonth: MonthIndex, termMonths: Count });

const HoursPerMonth = z.union(
  [
    Hours,
    z.array(Hours).length(12, { error: 'a seasonal profile has exactly 12 months, January first' }),
  ],
  { error: 'must be hours per month (0 to 744) or 12 of them, January first' },
);

export const FixedTermLicenseSchema = z.object({
  model: z.literal('fixed-term'),
  bandwidth: Id,
  bundle: Id,
  vServices: Count,
  termMonths: Count,
  renew: z.boolean({ error: 'renew must be true or false' }),
});

export const PaygLicenseSchema = z.object({
  model: z.literal('payg'),
  bandwidth: Id,
  bundle: Id,
  vServices: Count,
  hoursPerMonth: HoursPerMonth,
  convertTo: ConvertTo.nullable(),
});

export const LicenseSchema = z.discriminatedUnion(
  'model',
  [FixedTermLicenseSchema, PaygLicenseSchema],
  {
    error: 'license.model must be "fixed-term" or "payg"',
  },
);
export type License = z.infer<typeof LicenseSchema>;
export type FixedTermLicense = z.infer<typeof FixedTermLicenseSchema>;
export type PaygLicense = z.infer<typeof PaygLicenseSchema>;

export const SellSchema = z
  .discriminatedUnion(
    'mode',
    [
      z.object({ mode: z.literal('markup'), pct: MarkupPercent }),
      z.object({
        mode: z.literal('margin'),
        pct: Percent.refine((s) => Number(s) < 100, { error: 'a margin must be below 100 %' }),
      }),
      z.object({ mode: z.literal('fixed'), monthly: Money, oneOff: Money }),
    ],
    { error: 'sell must be null (the default markup) or have mode "markup", "margin" or "fixed"' },
  )
  .nullable();
export type Sell = z.infer<typeof SellSchema>;

/** The fields a change may set (PRICING.md §7), in the order PRICING.md lists them. */
export const CHANGE_FIELDS = [
  'count',
  'bandwidth',
  'bundle',
  'vServices',
  'hoursPerMonth',
] as const;

/**
 * One change of a line's plan from `fromMonth` on (PRICING.md §7): at least one of the fields.
 * Its month's place in the horizon and the order of the list are quote issues, not schema errors.
 */
export const LineChangeSchema = z
  .object({
    fromMonth: MonthIndex,
    count: Count.optional(),
    bandwidth: Id.optional(),
    bundle: Id.optional(),
    vServices: Count.optional(),
    hoursPerMonth: HoursPerMonth.optional(),
  })
  .refine((change) => CHANGE_FIELDS.some((field) => change[field] !== undefined), {
    error: 'a change must set at least one of count, bandwidth, bundle, vServices or hoursPerMonth',
  });
export type LineChange = z.infer<typeof LineChangeSchema>;

/** How fixed-term amounts are invoiced (PRICING.md §8). */
export const BillingModeSchema = z.enum(['monthly', 'annual', 'upfront'], {
  error: 'billing must be "monthly", "annual" or "upfront"',
});
export type BillingMode = z.infer<typeof BillingModeSchema>;

const BillingSide = z.object({
  fixedTerm: BillingModeSchema.optional(),
  paymentDelayMonths: z
    .number({ error: 'must be a whole number of months from 0 to 3' })
    .int({ error: 'must be a whole number of months from 0 to 3' })
    .min(0, { error: 'must be at least 0 months' })
    .max(3, { error: 'must be at most 3 months' })
    .optional(),
});

/** Billing and payment terms of both sides (PRICING.md §8); absent = monthly, paid at once. */
export const BillingSchema = z.object({
  vendor: BillingSide.optional(),
  customers: BillingSide.optional(),
});
export type Billing = z.infer<typeof BillingSchema>;

export const CustomerLineSchema = z.object({
  id: Id,
  name: Text(1000),
  count: PositiveCount,
  startMonth: MonthIndex,
  endMonth: MonthIndex.nullable(),
  partnerId: Id.nullable(),
  license: LicenseSchema,
  sell: SellSchema,
  apps: z.array(AppEntrySchema),
  changes: z
    .array(LineChangeSchema)
    .max(CHANGES_MAX, { error: `a line holds at most ${CHANGES_MAX} changes` })
    .optional(),
  /** Overrides `billing.customers.fixedTerm` for this line's fixed-term amounts. */
  billing: BillingModeSchema.optional(),
});
export type CustomerLine = z.infer<typeof CustomerLineSchema>;

/**
 * The scenario's fields without the cross-list rules, for forms that edit one
 * part of it (`ScenarioObjectSchema.shape.platform`, `.pick({ … })`): one source
 * of truth for every field's rule and message.
 */
export const ScenarioObjectSchema = z.object({
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION, {
    error: `schemaVersion must be ${SCENARIO_SCHEMA_VERSION}`,
  }),
  title: Text(1000),
  preparedBy: Party,
  preparedFor: Party,
  brand: z.object({
    name: Text(1000),
    primaryColor: z
      .string({ error: 'must be a colour written "#rrggbb"' })
      .regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour written "#rrggbb"' }),
    logo: Logo.nullable(),
  }),
  priceTable: z.object({ product: Id, currency: Id, version: Id }),
  startPeriod: Period,
  horizonMonths: z
    .number({ error: 'must be a number of months from 1 to 120' })
    .int({ error: 'must be a whole number of months' })
    .min(1, { error: 'must be at least 1 month' })
    .max(120, { error: 'must be at most 120 months' }),
  platform: z.object({
    environment: Id,
    appliance: z.union(
      [
        z.object({
          id: Id,
          count: z.union([z.literal('auto'), PositiveCount], {
            error: 'count must be "auto" or a whole number ≥ 1',
          }),
        }),
        z.null(),
      ],
      { error: 'appliance must be null or { id, count }' },
    ),
    headroomPct: Percent,
    highAvailability: z.boolean({ error: 'must be true or false' }),
    infraCostMonthly: Money,
  }),
  channel: z.object({
    distributors: z.array(
      z.object({
        id: Id,
        name: Text(1000),
        commissionPct: Percent.nullable(),
        partnerCommissionPct: Percent.nullable(),
      }),
    ),
    partners: z.array(
      z.object({
        id: Id,
        name: Text(1000),
        distributorId: Id.nullable(),
        commissionPct: Percent.nullable(),
      }),
    ),
  }),
  pricing: z.object({ defaultMarkupPct: MarkupPercent, minMarginPct: Percent }),
  billing: BillingSchema.optional(),
  mainApps: z.array(AppEntrySchema),
  customers: z.array(CustomerLineSchema),
});

/** A scenario document (PRICING.md §4), ids unique within their lists. */
export const ScenarioSchema = ScenarioObjectSchema.superRefine((scenario, ctx) => {
  checkUniqueIds(scenario.customers, ['customers'], 'customer', ctx);
  checkUniqueIds(scenario.channel.partners, ['channel', 'partners'], 'partner', ctx);
  checkUniqueIds(scenario.channel.distributors, ['channel', 'distributors'], 'distributor', ctx);
});

export type Scenario = z.infer<typeof ScenarioSchema>;
