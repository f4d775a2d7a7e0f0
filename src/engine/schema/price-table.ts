import { z } from 'zod';
import {
  checkUniqueIds,
  Count,
  Id,
  IsoDate,
  LicenseModel,
  newerVersionMessage,
  Percent,
  PositiveCount,
  TABLE_LIST_MAX,
  tableList,
  TableMoney,
  Text,
} from './common';

const UpTo = PositiveCount.nullable();

export const TieredPriceSchema = z
  .object({
    mode: z.enum(['graduated', 'volume'], { error: 'mode must be "graduated" or "volume"' }),
    tiers: tableList(
      z.object({
        upTo: UpTo,
        unitAmount: TableMoney,
        flatAmount: TableMoney.nullable().optional(),
      }),
      'tiers',
    ).min(1, { error: 'needs at least one tier' }),
  })
  .superRefine((price, ctx) => checkTiers(price.tiers, ctx));

export type TieredPrice = z.infer<typeof TieredPriceSchema>;

/** Tiers ascend, `upTo` is strictly increasing, and only the last one is null. */
function checkTiers(tiers: readonly { upTo: number | null }[], ctx: z.RefinementCtx): void {
  let previous = 0;
  tiers.forEach((tier, index) => {
    const last = index === tiers.length - 1;
    if (tier.upTo === null) {
      if (!last) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', index, 'upTo'],
          message: 'only the last tier may have upTo null',
        });
      }
      return;
    }
    if (last) {
      ctx.addIssue({
        code: 'custom',
        path: ['tiers', index, 'upTo'],
        message: 'the last tier must have upTo null (no upper bound)',
      });
    }
    if (tier.upTo <= previous) {
      ctx.addIssue({
        code: 'custom',
        path: ['tiers', index, 'upTo'],
        message: `tiers must ascend: upTo ${tier.upTo} is not above the previous tier's ${previous}`,
      });
    }
    previous = tier.upTo;
  });
}

const Environment = z.object({
  id: Id,
  kind: z.enum(['virtual', 'cloud', 'hardware'], {
    error: 'kind must be "virtual", "cloud" or "hardware"',
  }),
  name: Text(1000),
  licenseModels: tableList(LicenseModel, 'license models').min(1, {
    error: 'must allow at least one license model',
  }),
});

const Appliance = z.object({
  id: Id,
  name: Text(1000),
  throughputMbps: PositiveCount,
  maxVServices: PositiveCount,
  price: TableMoney,
  supportPctPerYear: Percent,
  licenseModels: tableList(LicenseModel, 'license models').min(1, {
    error: 'must allow at least one license model',
  }),
});

const AppPrices = z.object({
  setupFee: TableMoney,
  monthlyFee: TableMoney,
  perUser: TieredPriceSchema,
});

const AppBundle = AppPrices.extend({
  id: Id,
  name: Text(1000),
  rank: Count,
});

/** A record of at most TABLE_LIST_MAX keys (the rows and cells of a price grid, child apps). */
function boundedRecord<T extends z.ZodType>(value: T, what: string) {
  return z.record(z.string(), value).refine((r) => Object.keys(r).length <= TABLE_LIST_MAX, {
    error: `must list at most ${TABLE_LIST_MAX} ${what}`,
  });
}

const PriceGrid = boundedRecord(boundedRecord(TableMoney, 'bandwidths'), 'bundles');

const AppliesTo = z.enum(['setupFee', 'monthlyFee', 'perUser'], {
  error: 'must be "setupFee", "monthlyFee" or "perUser"',
});

export const WHITE_LABEL = 'white-label';

/**
 * Every list and record of a raw table document longer than TABLE_LIST_MAX, found before the
 * schema parses a single entry: a file of 10,000 bandwidth tiers is refused with one message in
 * a few milliseconds instead of 10,000 entries parsed first (issue 11). Oversized containers
 * are not walked into, and the walk stops at 32 levels (the schema's deepest path is 7).
 */
function oversizedLists(document: unknown): { path: (string | number)[]; size: number }[] {
  const found: { path: (string | number)[]; size: number }[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: document, path: [] }];
  while (stack.length > 0 && found.length < 50) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object' || path.length > 32) continue;
    const size = Array.isArray(value) ? value.length : Object.keys(value).length;
    if (size > TABLE_LIST_MAX) {
      found.push({ path, size });
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v: unknown, i) => [i, v])
      : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return found;
}

const TableObjectSchema = z
  .object({
    schemaVersion: z.literal(1, {
      error: (issue) =>
        typeof issue.input === 'number' && Number.isInteger(issue.input) && issue.input > 1
          ? newerVersionMessage('price table', issue.input, 1)
          : 'schemaVersion must be 1',
    }),
    product: Id,
    vendorName: Text(1000),
    version: Id,
    currency: z
      .string({ error: 'currency must be an ISO 4217 code like "USD"' })
      .regex(/^[A-Z]{3}$/, { error: 'currency must be an ISO 4217 code like "USD"' }),
    effectiveFrom: IsoDate,
    // no validUntil (or null): the table does not expire
    validUntil: IsoDate.nullable()
      .optional()
      .transform((v) => v ?? null),
    notes: Text(20000, true),
    platform: z.object({
      environments: tableList(Environment, 'environments').min(1, {
        error: 'needs at least one environment',
      }),
      appliances: tableList(Appliance, 'appliances'),
      virtualSizing: z.object({
        mbpsPerVcpu: PositiveCount,
        gbRamPerVcpu: Count,
        minVcpu: Count,
      }),
    }),
    service: z.object({
      bandwidthTiers: tableList(
        z.object({ id: Id, mbps: PositiveCount, label: Text(1000) }),
        'bandwidth tiers',
      ).min(1, { error: 'needs at least one bandwidth tier' }),
      bundles: tableList(
        z.object({
          id: Id,
          name: Text(1000),
          rank: Count,
          includedVServices: Count,
          features: tableList(Text(1000), 'features'),
        }),
        'bundles',
      ).min(1, { error: 'needs at least one bundle' }),
      maxVServices: Count,
      fixedTerm: z.object({
        monthlyList: PriceGrid,
        extraVServiceMonthly: TableMoney,
        terms: tableList(z.object({ months: PositiveCount, discountPct: Percent }), 'terms').min(
          1,
          { error: 'needs at least one term' },
        ),
      }),
      payg: z.object({
        hourly: PriceGrid,
        extraVServiceHourly: TableMoney,
      }),
    }),
    apps: z.object({
      bundles: tableList(AppBundle, 'app bundles'),
      childApps: boundedRecord(AppPrices, 'child apps'),
      whiteLabelVolume: z
        .object({
          mode: z.enum(['graduated', 'volume'], { error: 'mode must be "graduated" or "volume"' }),
          appliesTo: tableList(AppliesTo, 'fees'),
          tiers: tableList(z.object({ upTo: UpTo, discountPct: Percent }), 'tiers').min(1, {
            error: 'needs at least one tier',
          }),
        })
        .superRefine((v, ctx) => checkTiers(v.tiers, ctx)),
    }),
  })
  .superRefine((table, ctx) => {
    if (table.validUntil !== null && table.validUntil < table.effectiveFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        message: `validUntil ${table.validUntil} is before effectiveFrom ${table.effectiveFrom}`,
      });
    }
    checkUniqueIds(table.platform.environments, ['platform', 'environments'], 'environment', ctx);
    checkUniqueIds(table.platform.appliances, ['platform', 'appliances'], 'appliance', ctx);
    checkUniqueIds(table.service.bandwidthTiers, ['service', 'bandwidthTiers'], 'bandwidth', ctx);
    checkUniqueIds(table.service.bundles, ['service', 'bundles'], 'bundle', ctx);
    checkUniqueIds(table.apps.bundles, ['apps', 'bundles'], 'app bundle', ctx);

    // Sets: a 200 × 200 grid is 40,000 look-ups, each O(1)
    const bundleIds = new Set(table.service.bundles.map((b) => b.id));
    const bandwidthIds = new Set(table.service.bandwidthTiers.map((b) => b.id));
    const grids = [
      {
        grid: table.service.fixedTerm.monthlyList,
        path: ['service', 'fixedTerm', 'monthlyList'],
        what: 'fixed-term monthly price',
      },
      {
        grid: table.service.payg.hourly,
        path: ['service', 'payg', 'hourly'],
        what: 'PAYG hourly price',
      },
    ];
    for (const { grid, path, what } of grids) {
      for (const bundle of bundleIds) {
        for (const bandwidth of bandwidthIds) {
          if (grid[bundle]?.[bandwidth] === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, bundle, bandwidth],
              message: `bundle "${bundle}" on bandwidth "${bandwidth}" has no ${what}`,
            });
          }
        }
      }
      for (const [bundle, row] of Object.entries(grid)) {
        if (!bundleIds.has(bundle)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, bundle],
            message: `"${bundle}" is not a bundle of service.bundles`,
          });
          continue;
        }
        for (const bandwidth of Object.keys(row)) {
          if (!bandwidthIds.has(bandwidth)) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, bundle, bandwidth],
              message: `"${bandwidth}" is not a bandwidth of service.bandwidthTiers`,
            });
          }
        }
      }
    }

    const terms = table.service.fixedTerm.terms;
    const months = new Set<number>();
    terms.forEach((term, index) => {
      if (months.has(term.months)) {
        ctx.addIssue({
          code: 'custom',
          path: ['service', 'fixedTerm', 'terms', index, 'months'],
          message: `a ${term.months}-month term is listed more than once`,
        });
      }
      months.add(term.months);
    });
    const byLength = terms
      .map((term, index) => ({ ...term, index, pct: Number(term.discountPct) }))
      .sort((a, b) => a.months - b.months);
    for (let i = 1; i < byLength.length; i++) {
      const shorter = byLength[i - 1]!;
      const longer = byLength[i]!;
      if (longer.pct < shorter.pct) {
        ctx.addIssue({
          code: 'custom',
          path: ['service', 'fixedTerm', 'terms', longer.index, 'discountPct'],
          message: `the ${longer.months}-month discount (${longer.discountPct} %) is below the ${shorter.months}-month discount (${shorter.discountPct} %); discounts must not fall as terms grow`,
        });
      }
    }

    const whiteLabel = table.apps.bundles.find((b) => b.id === WHITE_LABEL);
    for (const child of Object.keys(table.apps.childApps)) {
      const bundle = table.apps.bundles.find((b) => b.id === child);
      if (!bundle) {
        ctx.addIssue({
          code: 'custom',
          path: ['apps', 'childApps', child],
          message: `"${child}" is not an app bundle of apps.bundles`,
        });
      } else if (!whiteLabel) {
        ctx.addIssue({
          code: 'custom',
          path: ['apps', 'childApps', child],
          message: `child apps need a "${WHITE_LABEL}" bundle in apps.bundles to be provisioned from`,
        });
      } else if (bundle.rank >= whiteLabel.rank) {
        ctx.addIssue({
          code: 'custom',
          path: ['apps', 'childApps', child],
          message: `"${child}" (rank ${bundle.rank}) must rank below "${WHITE_LABEL}" (rank ${whiteLabel.rank}) to be a child app`,
        });
      }
    }
    const applies = table.apps.whiteLabelVolume.appliesTo;
    applies.forEach((fee, index) => {
      if (applies.indexOf(fee) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: ['apps', 'whiteLabelVolume', 'appliesTo', index],
          message: `"${fee}" is listed more than once`,
        });
      }
    });
  });

/**
 * A price table (PRICING.md §3): the sizes of its lists first (at most TABLE_LIST_MAX each, so
 * no more work is done on a huge file), then every field and rule.
 */
export const PriceTableSchema = z
  .unknown()
  .superRefine((document, ctx) => {
    for (const { path, size } of oversizedLists(document)) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `has ${size.toLocaleString('en-US')} entries; a price table's lists hold at most ${TABLE_LIST_MAX} each`,
      });
    }
  })
  .pipe(TableObjectSchema);

export type PriceTable = z.infer<typeof PriceTableSchema>;
export type Environment = z.infer<typeof Environment>;
export type Appliance = z.infer<typeof Appliance>;
