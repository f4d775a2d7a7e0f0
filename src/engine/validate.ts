import type { CompiledTable } from './compile-table';
import { WHITE_LABEL } from './compile-table';
import type { QuoteIssue } from './quote-types';
import type { AppEntry, CustomerLine, Scenario } from './schema/scenario';

const MODEL_NAME = { 'fixed-term': 'Fixed-Term', payg: 'PAYG' } as const;

function list(ids: Iterable<string>): string {
  return [...ids].map((id) => `"${id}"`).join(', ');
}

/**
 * The rules that relate the scenario's fields to each other and to the table
 * (PRICING.md §6): each problem an error with a stable code and a JSON path.
 * The schema has already checked types and formats.
 */
export function findErrors(scenario: Scenario, t: CompiledTable): QuoteIssue[] {
  const issues: QuoteIssue[] = [];
  const error = (code: QuoteIssue['code'], path: string, message: string) =>
    issues.push({ level: 'error', code, path, message });
  const tableName = `price table ${t.table.product} ${t.table.currency} ${t.table.version}`;
  const horizon = scenario.horizonMonths;

  // Platform: which license models it allows, and on what it is named.
  const { platform } = scenario;
  const environment = t.environments.get(platform.environment);
  let allowed: ReadonlySet<string> | null = null;
  let platformName = '';
  if (!environment) {
    error(
      'unknown-id',
      'platform.environment',
      `Environment "${platform.environment}" is not in the ${tableName}; choose one of ${list(t.environments.keys())}.`,
    );
  } else if (environment.kind === 'hardware') {
    // the environment's models hold even while the appliance is missing or unknown
    allowed = new Set(environment.licenseModels);
    platformName = environment.name;
    if (platform.appliance === null) {
      error(
        'appliance-required',
        'platform.appliance',
        `A hardware platform needs an appliance; choose one of ${list(t.appliances.keys())}.`,
      );
    } else {
      const appliance = t.appliances.get(platform.appliance.id);
      if (!appliance) {
        error(
          'unknown-id',
          'platform.appliance.id',
          `Appliance "${platform.appliance.id}" is not in the ${tableName}; choose one of ${list(t.appliances.keys())}.`,
        );
      } else {
        allowed = new Set(
          environment.licenseModels.filter((m) => appliance.licenseModels.includes(m)),
        );
        platformName = `the ${appliance.name}`;
      }
    }
  } else {
    allowed = new Set(environment.licenseModels);
    platformName = environment.name;
  }

  scenario.channel.partners.forEach((partner, j) => {
    if (
      partner.distributorId !== null &&
      !scenario.channel.distributors.some((d) => d.id === partner.distributorId)
    ) {
      error(
        'unknown-id',
        `channel.partners[${j}].distributorId`,
        `Partner "${partner.id}" names distributor "${partner.distributorId}", which is not in the channel.`,
      );
    }
  });

  const hasMainWhiteLabel = scenario.mainApps.some(
    (a) => a.bundle === WHITE_LABEL && a.provisioning === 'standalone' && a.count >= 1,
  );
  const checkApps = (apps: readonly AppEntry[], base: string) => {
    apps.forEach((entry, j) => {
      const path = `${base}[${j}]`;
      if (entry.provisioning === 'child') {
        if (!t.childApps.has(entry.bundle)) {
          error(
            'unknown-id',
            `${path}.bundle`,
            `"${entry.bundle}" cannot be provisioned as a child app; child apps are ${list(t.childApps.keys())}.`,
          );
        }
        if (!hasMainWhiteLabel) {
          error(
            'child-app-without-main',
            `${path}.provisioning`,
            'A child app needs a standalone white-label app in mainApps.',
          );
        }
      } else if (!t.appBundles.has(entry.bundle)) {
        error(
          'unknown-id',
          `${path}.bundle`,
          `App bundle "${entry.bundle}" is not in the ${tableName}; choose one of ${list(t.appBundles.keys())}.`,
        );
      }
    });
  };
  checkApps(scenario.mainApps, 'mainApps');

  const modelAllowed = (model: 'fixed-term' | 'payg', path: string, conversion: boolean) => {
    if (allowed === null || allowed.has(model)) return;
    const other = model === 'payg' ? 'fixed-term' : 'PAYG';
    error(
      'license-model-not-allowed',
      path,
      conversion
        ? `Fixed-Term is not offered on ${platformName}, so the line cannot convert to it; keep it PAYG or choose another environment.`
        : `${MODEL_NAME[model]} is not offered on ${platformName}; choose ${other} or another environment.`,
    );
  };
  const termOffered = (months: number, path: string) => {
    if (!t.terms.has(months))
      error('term-not-offered', path, `A ${months}-month term is not offered.`);
  };

  const partnerIds = new Set(scenario.channel.partners.map((p) => p.id));
  scenario.customers.forEach((line, i) => {
    const at = `customers[${i}]`;
    const { license } = line;
    if (line.startMonth < 1 || line.startMonth > horizon) {
      error(
        'month-out-of-range',
        `${at}.startMonth`,
        `Line '${line.id}' starts in month ${line.startMonth}; it must start between month 1 and month ${horizon}.`,
      );
    }
    if (line.endMonth !== null) {
      if (license.model === 'fixed-term' || license.convertTo !== null) {
        error(
          'end-month-on-fixed-term',
          `${at}.endMonth`,
          `Line '${line.id}' has an end month, but a committed term cannot end early; clear the end month${
            license.model === 'fixed-term' ? ' or set renew to false' : ''
          }.`,
        );
      }
      // §4 bounds every endMonth, whether or not the line may have one
      if (line.endMonth < line.startMonth || line.endMonth > horizon) {
        error(
          'month-out-of-range',
          `${at}.endMonth`,
          `Line '${line.id}' ends in month ${line.endMonth}; it must end between its start month ${line.startMonth} and month ${horizon}.`,
        );
      }
    }
    if (line.partnerId !== null && !partnerIds.has(line.partnerId)) {
      error('unknown-id', `${at}.partnerId`, `Partner "${line.partnerId}" is not in the channel.`);
    }
    if (!t.bandwidthMbps.has(license.bandwidth)) {
      error(
        'unknown-id',
        `${at}.license.bandwidth`,
        `Bandwidth "${license.bandwidth}" is not in the ${tableName}; choose one of ${list(t.bandwidthMbps.keys())}.`,
      );
    }
    if (!t.includedVServices.has(license.bundle)) {
      error(
        'unknown-id',
        `${at}.license.bundle`,
        `Bundle "${license.bundle}" is not in the ${tableName}; choose one of ${list(t.includedVServices.keys())}.`,
      );
    }
    modelAllowed(license.model, `${at}.license.model`, false);
    if (license.model === 'fixed-term') {
      termOffered(license.termMonths, `${at}.license.termMonths`);
    }
    const max = t.table.service.maxVServices;
    if (license.vServices > max) {
      error(
        'vservices-over-maximum',
        `${at}.license.vServices`,
        `Line '${line.id}' asks for ${license.vServices} vServices; the most a service license holds is ${max}.`,
      );
    }
    if (license.model === 'payg' && license.convertTo !== null) {
      const { atMonth, termMonths } = license.convertTo;
      modelAllowed('fixed-term', `${at}.license.convertTo`, true);
      termOffered(termMonths, `${at}.license.convertTo.termMonths`);
      if (atMonth <= line.startMonth || atMonth > horizon) {
        error(
          'month-out-of-range',
          `${at}.license.convertTo.atMonth`,
          `Line '${line.id}' converts in month ${atMonth}; it must convert after its start month ${line.startMonth} and by month ${horizon}.`,
        );
      }
    }
    checkApps(line.apps, `${at}.apps`);
    checkChanges(line, i);
  });
  return issues;

  /** A line's changes (PRICING.md §7), after the line's own fields: document order. */
  function checkChanges(line: CustomerLine, i: number): void {
    const changes = line.changes ?? [];
    if (changes.length === 0) return;
    const at = `customers[${i}]`;
    const { license } = line;
    if (license.model === 'payg' && license.convertTo !== null) {
      error(
        'changes-with-conversion',
        `${at}.changes`,
        `Line '${line.id}' converts to a fixed term and also has changes over time; remove the changes or the conversion (split the line in two to have both).`,
      );
    }
    const endMonth = license.model === 'payg' ? line.endMonth : null;
    const last = endMonth === null ? horizon : Math.min(endMonth, horizon);
    changes.forEach((change, j) => {
      const path = `${at}.changes[${j}]`;
      const previous = j > 0 ? changes[j - 1]!.fromMonth : null;
      // each entry is checked against the one immediately before it: in [5, 3, 4] only the 3
      if (previous !== null && change.fromMonth <= previous) {
        error(
          'month-out-of-range',
          `${path}.fromMonth`,
          `Line '${line.id}' has a change from month ${change.fromMonth} after one from month ${previous}; list the changes in order of their months, one change per month.`,
        );
      } else if (change.fromMonth <= line.startMonth || change.fromMonth > last) {
        error(
          'month-out-of-range',
          `${path}.fromMonth`,
          `Line '${line.id}' changes in month ${change.fromMonth}; a change must come after its start month ${line.startMonth} and by month ${last}${endMonth !== null && endMonth < horizon ? ' (its end month)' : ''}.`,
        );
      }
      if (change.bandwidth !== undefined && !t.bandwidthMbps.has(change.bandwidth)) {
        error(
          'unknown-id',
          `${path}.bandwidth`,
          `Bandwidth "${change.bandwidth}" is not in the ${tableName}; choose one of ${list(t.bandwidthMbps.keys())}.`,
        );
      }
      if (change.bundle !== undefined && !t.includedVServices.has(change.bundle)) {
        error(
          'unknown-id',
          `${path}.bundle`,
          `Bundle "${change.bundle}" is not in the ${tableName}; choose one of ${list(t.includedVServices.keys())}.`,
        );
      }
      const max = t.table.service.maxVServices;
      if (change.vServices !== undefined && change.vServices > max) {
        error(
          'vservices-over-maximum',
          `${path}.vServices`,
          `Line '${line.id}' asks for ${change.vServices} vServices from month ${change.fromMonth}; the most a service license holds is ${max}.`,
        );
      }
      if (change.hoursPerMonth !== undefined && license.model === 'fixed-term') {
        error(
          'hours-on-fixed-term',
          `${path}.hoursPerMonth`,
          `Line '${line.id}' is fixed-term, so its hours do not change its price; remove the hours from the change in month ${change.fromMonth}.`,
        );
      }
    });
  }
}
