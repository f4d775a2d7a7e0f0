/**
 * `msp-proposal`: the vendor's proposal to the MSP (PRODUCT.md "Documents and exports"): the
 * platform and service licenses at vendor prices, the term discounts, the totals, the committed
 * spend and the MSP's projected margin.
 */
import type { AppEntry } from '../../engine/index';
import { monthlySeries } from '../chart-data';
import { COST_CATEGORIES } from '../columns';
import { negateDecimal, sumDecimals } from '../decimal';
import { formatKpi, resultKpis, type KpiId } from '../kpis';
import { platformAmounts } from '../totals';
import { assumptionsSection, coverRows, identitySection, monthlyChart } from './common';
import { drawCover } from './cover';
import { priceListSection } from './price-list';
import { chunks, type DocWriter, type Row } from './layout';
import {
  activeMonths,
  byYear,
  feesLabel,
  fixedTermCommitments,
  licenseLabel,
  serviceLabel,
} from './shape';
import type { DocContext } from './types';
import { vendorInvoicesSection } from './vendor-invoices';

export const MSP_PROPOSAL_TITLE = 'Platform and licensing proposal';

/** The progress steps the document reports (its sections and its tables' chunks). */
export function mspProposalSteps(ctx: DocContext): number {
  const { scenario } = ctx;
  const apps = scenario.mainApps.length + scenario.customers.reduce((n, c) => n + c.apps.length, 0);
  return (
    12 +
    4 +
    chunks(scenario.customers.length) +
    chunks(apps) +
    chunks(fixedTermCommitments(scenario, ctx.quote).length)
  );
}

function appRows(
  ctx: DocContext,
  entries: readonly AppEntry[],
  who: string,
  copies: number,
): Row[] {
  const { names, fmt } = ctx;
  return entries.map((a) => [
    who,
    names.appBundle(a.bundle),
    fmt.count(a.count * copies),
    fmt.count(a.usersPerApp),
    a.provisioning === 'child' ? 'Child of the main app' : 'Standalone',
  ]);
}

export async function writeMspProposal(w: DocWriter, ctx: DocContext): Promise<void> {
  const { scenario, quote, totals, fmt, names, table } = ctx;
  const money = fmt.money;
  const msp = scenario.preparedFor.company || scenario.brand.name || 'the MSP';

  // the vendor issues this proposal: its name heads the cover, the MSP is the recipient
  drawCover(w, {
    kindLabel: 'Proposal',
    title: MSP_PROPOSAL_TITLE,
    subtitle: scenario.title,
    brandName: table.vendorName,
    logo: null,
    recipient: { caption: `Prepared for ${msp}`, logo: scenario.brand.logo },
    rows: [['From', table.vendorName], ...coverRows(ctx, msp)],
  });
  await w.progress.step('Cover');

  // --- summary -------------------------------------------------------------------------------
  w.newPage();
  const lines = scenario.customers.length;
  const customers = scenario.customers.reduce((n, c) => n + c.count, 0);
  w.h1('Summary');
  w.para(
    `This proposal prices a ${names.environment(scenario.platform.environment)} platform for ${msp} and the service licenses and white-label apps of ${fmt.count(lines)} customer line${lines === 1 ? '' : 's'} (${fmt.count(customers)} customer${customers === 1 ? '' : 's'}) over ${scenario.horizonMonths} months from ${fmt.periodLong(quote.months[0]!.period)}, at the prices of price book ${table.version}.`,
  );
  const platform = platformAmounts(quote);
  w.keyValues([
    ['Total cost over the horizon', money(totals.cost)],
    ['of which platform', money(platform.cost)],
    ['License committed after the horizon', money(totals.licenseCommittedAfterHorizon)],
    ['Projected revenue (TCV)', money(totals.revenue)],
    ['Projected margin', `${money(totals.margin)} (${fmt.pct(totals.marginPct)})`],
  ]);
  await w.progress.step('Summary');

  await priceListSection(w, ctx);
  await w.progress.step('Price list');

  // --- platform ------------------------------------------------------------------------------
  const p = quote.platform;
  w.h1('Platform');
  const sizing: [string, string][] = [
    ['Environment', names.environment(scenario.platform.environment)],
  ];
  if (p.appliances) {
    sizing.push([
      'Appliances',
      `${p.appliances.count} × ${names.appliance(p.appliances.id)} (${p.appliances.required} required)`,
    ]);
  }
  if (p.vcpu !== null)
    sizing.push(['Virtual machine sizing', `${p.vcpu} vCPU, ${p.ramGb ?? 0} GB RAM`]);
  sizing.push(
    ['High availability', scenario.platform.highAvailability ? 'Yes' : 'No'],
    ['Headroom', fmt.rate(scenario.platform.headroomPct)],
    ['Peak demand', `${fmt.count(p.peakMbps)} Mbps, ${fmt.count(p.peakVServices)} vServices`],
    ['Own infrastructure', `${money(scenario.platform.infraCostMonthly)} a month`],
  );
  w.keyValues(sizing);
  w.h2('Platform costs by year', 45);
  await w.table({
    stage: 'Platform',
    columns: [
      { header: 'Year', weight: 1 },
      { header: 'Months', weight: 2.2 },
      { header: 'Platform cost', weight: 1.6, align: 'right' },
    ],
    body: byYear(quote, (m) => m.cost.platform).map((y) => [
      `Year ${y.year}`,
      `${fmt.period(y.fromPeriod)} – ${fmt.period(y.toPeriod)}`,
      money(y.amount),
    ]),
    foot: [['Total', '', money(platform.cost)]],
  });
  w.note(
    'Platform costs: appliances (bought in month 1) and their yearly support, your own infrastructure, and the main white-label apps.',
  );

  // --- service licenses ----------------------------------------------------------------------
  w.h1('Service licenses');
  w.para(
    `Each customer line at vendor prices: the service license and its apps over the months the line is active. Fixed-Term licenses carry the term discount below; PAYG is billed on the hours used.`,
  );
  const lineCosts = sumDecimals(
    quote.customers.map((c) => c.totals.cost),
    ctx.digits,
  );
  await w.table({
    stage: 'Service licenses',
    columns: [
      { header: 'Customer line', weight: 3 },
      { header: 'Qty', weight: 0.8, align: 'right' },
      { header: 'Service', weight: 2.8 },
      { header: 'License', weight: 2.6 },
      { header: 'Months', weight: 1.3, align: 'right' },
      { header: 'Cost', weight: 1.9, align: 'right' },
    ],
    body: scenario.customers.map((line, i) => {
      const { first, last } = activeMonths(line, scenario.horizonMonths);
      return [
        line.name,
        fmt.count(line.count),
        serviceLabel(line, names),
        licenseLabel(line, quote, fmt, true),
        String(last - first + 1),
        money(quote.customers[i]!.totals.cost),
      ];
    }),
    foot: [
      ['Customer lines', '', '', '', '', money(lineCosts)],
      ['Platform', '', '', '', '', money(platform.cost)],
      ['Total', '', '', '', '', money(totals.cost)],
    ],
  });

  // --- term discounts ------------------------------------------------------------------------
  w.h1('Term discounts', 70);
  w.para('Fixed-Term licenses are discounted by the length of the term committed to:');
  await w.table({
    stage: 'Term discounts',
    columns: [
      { header: 'Term', weight: 1 },
      { header: 'Discount on the monthly license', weight: 2, align: 'right' },
    ],
    body: table.service.fixedTerm.terms.map((t) => [
      `${t.months} month${t.months === 1 ? '' : 's'}`,
      fmt.rate(t.discountPct),
    ]),
  });
  const waterfall = ctx.deal.waterfall();
  if (waterfall) {
    w.h2('What the discounts save on this deal', 42);
    await w.table({
      stage: 'Term discounts',
      columns: [
        { header: '', weight: 3 },
        { header: 'Over the horizon', weight: 1.4, align: 'right' },
      ],
      body: [
        ['At list prices (no term or volume discount)', money(waterfall.list)],
        ['Fixed-Term discounts', money(negateDecimal(waterfall.termDiscount))],
        ['White-label volume discounts', money(negateDecimal(waterfall.volumeDiscount))],
      ],
      foot: [['Total cost', money(waterfall.cost)]],
    });
  }

  // --- white-label apps ----------------------------------------------------------------------
  w.h1('White-label apps');
  const appBody: Row[] = [
    ...appRows(ctx, scenario.mainApps, 'Main apps (yours)', 1),
    ...scenario.customers.flatMap((line) => appRows(ctx, line.apps, line.name, line.count)),
  ];
  if (appBody.length === 0) {
    w.para('The deal has no white-label or customer apps.');
  } else {
    await w.table({
      stage: 'White-label apps',
      columns: [
        { header: 'For', weight: 3 },
        { header: 'App bundle', weight: 1.8 },
        { header: 'Apps', weight: 0.8, align: 'right' },
        { header: 'Users per app', weight: 1.2, align: 'right' },
        { header: 'Provisioning', weight: 2 },
      ],
      body: appBody,
    });
  }
  const volume = ctx.deal.volume();
  if (volume && volume.peakInstances > 0) {
    const tier = volume.tiers[volume.reached]!;
    let text = `At its peak (${fmt.period(volume.peakPeriod)}) the deal runs ${volume.peakInstances} standalone white-label app${volume.peakInstances === 1 ? '' : 's'}, reaching the volume tier from ${tier.from}${tier.upTo === null ? ' up' : ` to ${tier.upTo}`}: ${fmt.rate(tier.discountPct)} off ${feesLabel(volume.appliesTo)}.`;
    if (volume.next) {
      text += ` ${volume.next.instancesToGo} more would reach ${fmt.rate(volume.next.discountPct)} and save ${money(volume.next.saving)} over the horizon.`;
    }
    w.para(text);
  }
  await w.progress.step('White-label apps');

  // --- totals --------------------------------------------------------------------------------
  const series = monthlySeries(quote);
  w.h1('Totals', 55);
  await w.table({
    stage: 'Totals',
    columns: [
      { header: 'Cost over the horizon', weight: 3 },
      { header: 'Amount', weight: 1.4, align: 'right' },
    ],
    body: COST_CATEGORIES.map((c) => [c.label, money(series.totals[c.key])]),
    foot: [['Total cost', money(totals.cost)]],
  });

  // --- committed spend -----------------------------------------------------------------------
  w.h1('Committed spend');
  w.keyValues([
    ['Fixed-Term licenses within the horizon', money(series.totals.fixedTerm)],
    ['License committed after the horizon', money(totals.licenseCommittedAfterHorizon)],
  ]);
  const commitments = fixedTermCommitments(scenario, quote);
  if (commitments.length > 0) {
    await w.table({
      stage: 'Committed spend',
      columns: [
        { header: 'Customer line', weight: 3 },
        { header: 'Qty', weight: 0.8, align: 'right' },
        { header: 'Term', weight: 1.2, align: 'right' },
        { header: 'Renews', weight: 1 },
        { header: 'From', weight: 1.3 },
      ],
      body: commitments.map((c) => [
        c.line.name,
        fmt.count(c.line.count),
        `${c.termMonths} months`,
        c.renews ? 'Yes' : 'No',
        fmt.period(c.fromPeriod),
      ]),
    });
  }
  w.note(
    'A Fixed-Term license is committed for its whole term: the licenses of terms still running in the last month of the horizon are owed after it.',
  );

  // --- the vendor's invoices (PRICING.md §8) ------------------------------------------------
  await vendorInvoicesSection(w, ctx);
  await w.progress.step('Vendor invoices');

  // --- the MSP's margin ----------------------------------------------------------------------
  w.h1('Your projected margin', 80);
  w.para(
    `What ${msp} earns selling these services at the planned sell prices, after the vendor's costs and channel commissions.`,
  );
  const shown: KpiId[] = [
    'tcv',
    'cost',
    'commissions',
    'margin',
    'marginPct',
    'oneOff',
    'mrr',
    'arr',
    'breakEven',
  ];
  const kpis = resultKpis(quote).filter((k) => shown.includes(k.id));
  w.keyValues(kpis.map((k) => [k.label, formatKpi(k.value, money)] as [string, string]));
  monthlyChart(w, ctx, 'Monthly cost and revenue', true);
  await w.progress.step('Margin');

  assumptionsSection(w, ctx);
  identitySection(w, ctx);
  await w.progress.step('Assumptions');
}
