/**
 * Sizing and platform amounts (PRICING.md §5 "Sizing" and "Platform
 * amounts"): appliances for hardware, vCPU and RAM for virtual and cloud, and
 * the appliance and support costs, which are cost with no revenue.
 */
import type { CompiledTable } from './compile-table';
import { microsToMinor, mulCeilDiv, mulDivRound, PCT_ONE, parsePct } from './money';
import type { QuoteIssue, QuotePlatform } from './quote-types';
import type { Scenario } from './schema/scenario';

export interface PlatformSizing {
  readonly platform: QuotePlatform;
  /** Appliance purchase (month 1) for all appliances, minor units. */
  readonly appliancesCost: number;
  /** Yearly support for all appliances, in months 1, 13, 25, … */
  readonly supportCost: number;
  readonly warning: QuoteIssue | null;
}

export function sizePlatform(
  scenario: Scenario,
  t: CompiledTable,
  peakMbps: number,
  peakVServices: number,
): PlatformSizing {
  const headroom = parsePct(scenario.platform.headroomPct);
  /** ceil(demand × (100 + h)/100 / per), exact. */
  const units = (demand: number, per: number) =>
    mulCeilDiv(demand, PCT_ONE + headroom, PCT_ONE * per);
  const environment = t.environments.get(scenario.platform.environment)!;
  const chosen = scenario.platform.appliance;

  if (environment.kind !== 'hardware' || chosen === null) {
    // virtual and cloud: the Platform License is free; high availability does not change vCPU
    const sizing = t.table.platform.virtualSizing;
    const vcpu = Math.max(sizing.minVcpu, units(peakMbps, sizing.mbpsPerVcpu));
    return {
      platform: {
        // key order of the worked examples' quotes
        appliances: null,
        peakMbps,
        peakVServices,
        vcpu,
        ramGb: vcpu * sizing.gbRamPerVcpu,
      },
      appliancesCost: 0,
      supportCost: 0,
      warning: null,
    };
  }

  const appliance = t.appliances.get(chosen.id)!;
  const required =
    Math.max(
      units(peakMbps, appliance.throughputMbps),
      units(peakVServices, appliance.maxVServices),
      1,
    ) + (scenario.platform.highAvailability ? 1 : 0);
  const count = chosen.count === 'auto' ? required : chosen.count;
  const warning: QuoteIssue | null =
    count < required
      ? {
          level: 'warning',
          code: 'appliances-short',
          path: 'platform.appliance.count',
          message: `${count} × ${appliance.name} is short of the ${required} required for the peak of ${peakMbps} Mbps and ${peakVServices} vServices with ${scenario.platform.headroomPct} % headroom${
            scenario.platform.highAvailability ? ' and high availability' : ''
          }; raise the count or choose "auto".`,
        }
      : null;
  // each amount rounded per appliance, then × count
  const unitPrice = microsToMinor(appliance.priceMicros, t.minorDigits);
  const support = mulDivRound(appliance.priceMicros, appliance.supportPct, t.discountDen);
  return {
    platform: {
      appliances: { id: appliance.id, count, required },
      peakMbps,
      peakVServices,
      vcpu: null,
      ramGb: null,
    },
    appliancesCost: count * unitPrice,
    supportCost: count * support,
    warning,
  };
}
