import {
  SCENARIO_SCHEMA_VERSION,
  ScenarioSchema,
  type PriceTable,
  type Scenario,
} from '../engine/index';
import sample from '../../scenarios/sample-msp-plan.json';

/**
 * The sample plan a newcomer sees at first run (scenarios/sample-msp-plan.json),
 * parsed through the schema like any other document; a test keeps it valid.
 */
export function sampleScenario(): Scenario {
  return ScenarioSchema.parse(structuredClone(sample));
}

/**
 * A blank scenario on `table`: no customers, apps or channel; the first environment
 * the table lists; month 1 is the month after `today`; three years; 40 % markup and a
 * 20 % minimum margin (the sample plan's defaults).
 */
export function blankScenario(table: PriceTable, today: string): Scenario {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return ScenarioSchema.parse({
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    title: 'New scenario',
    preparedBy: { name: '', company: '' },
    preparedFor: { name: '', company: '' },
    brand: { name: '', primaryColor: '#0b5d46', logo: null },
    priceTable: { product: table.product, currency: table.currency, version: table.version },
    startPeriod: next,
    horizonMonths: 36,
    platform: {
      environment: table.platform.environments[0]?.id ?? 'vmware',
      appliance: null,
      headroomPct: '20',
      highAvailability: false,
      infraCostMonthly: '0',
    },
    channel: { distributors: [], partners: [] },
    pricing: { defaultMarkupPct: '40', minMarginPct: '20' },
    mainApps: [],
    customers: [],
  });
}
