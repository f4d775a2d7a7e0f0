// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { moneyFormatter } from '../../../../src/components/format';
import {
  StatementBuilderContext,
  type StatementBuilder,
  type StatementRequest,
} from '../../../../src/components/statements/statement-context';
import { customerSeries, isPriced } from '../../../../src/engine/index';
import { PartiesFigure } from '../../../../src/features/results/charts/PartiesFigure';
import { bundledRegistry } from '../../../../src/price-tables/bundled';
import { resolvePinned } from '../../../../src/price-tables/registry';
import { partySplit } from '../../../../src/reports/parties';
import { pricedDeal } from '../../../../src/reports/priced-deal';
import { localToday } from '../../../../src/state/app-store';
import { sampleScenario } from '../../../../src/state/sample';
import { InProcessAnalysisWorker } from '../../../support/analysis-worker';
import { engineQuote } from '../../../support/app-state';

// jsdom has no Worker: the analysis worker's protocol, answered in this process
beforeEach(() => vi.stubGlobal('Worker', InProcessAnalysisWorker));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function sampleDeal() {
  const scenario = sampleScenario();
  const pinned = resolvePinned(bundledRegistry, scenario.priceTable);
  if (!pinned.ok) throw new Error(pinned.message);
  const quote = engineQuote(scenario);
  if (!isPriced(quote)) throw new Error('the sample plan must price');
  return pricedDeal(scenario, pinned.entry.table, quote, {
    today: localToday(),
    tableSha256: pinned.entry.sha256,
  });
}

describe('What every party earns', () => {
  it('tabulates each party’s share, adding up to the total contract value', async () => {
    const deal = sampleDeal();
    const money = moneyFormatter(deal.quote.currency);
    const split = partySplit(
      deal.scenario,
      deal.quote,
      customerSeries(deal.scenario, deal.table, deal.options)!,
    );
    render(<PartiesFigure deal={deal} money={money} />);
    const table = await screen.findByRole('table', {
      name: /What every party earns over the deal/,
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(split.parts.length + 1);
    split.parts.forEach((part, i) => {
      expect(within(rows[i]!).getByRole('rowheader')).toHaveTextContent(part.name);
      expect(within(rows[i]!).getAllByRole('cell').at(-1)).toHaveTextContent(money(part.total));
    });
    expect(within(rows.at(-1)!).getAllByRole('cell').at(-1)).toHaveTextContent(
      money(deal.quote.totals.revenue),
    );
  });

  it('lists each partner’s lines and builds that party’s statement', async () => {
    const deal = sampleDeal();
    const partner = deal.scenario.channel.partners[0];
    expect(partner).toBeDefined();
    const requests: StatementRequest[] = [];
    const build: StatementBuilder = async (request) => {
      requests.push(request);
      return { fileName: `statement-${request.partyId}.pdf` };
    };
    render(
      <StatementBuilderContext value={build}>
        <PartiesFigure deal={deal} money={moneyFormatter(deal.quote.currency)} />
      </StatementBuilderContext>,
    );
    const lines = deal.scenario.customers.filter((c) => c.partnerId === partner!.id);
    const table = await screen.findByRole('table', {
      name: new RegExp(`^Partner ${partner!.name}:`),
    });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(lines.length ? lines.map((l) => l.name || l.id) : ['No customer lines']);
    await userEvent.click(
      screen.getByRole('button', { name: `Statement for ${partner!.name} (PDF)` }),
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ kind: 'partner-statement', partyId: partner!.id });
    expect(
      await screen.findByText(`The statement is ready: statement-${partner!.id}.pdf.`),
    ).toBeInTheDocument();
  });

  it('lists each distributor’s partners with their lines and what the distributor earns on each', async () => {
    const deal = sampleDeal();
    const money = moneyFormatter(deal.quote.currency);
    const distributor = deal.scenario.channel.distributors[0];
    expect(distributor).toBeDefined();
    const series = customerSeries(deal.scenario, deal.table, deal.options)!;
    render(<PartiesFigure deal={deal} money={money} />);
    const table = await screen.findByRole('table', {
      name: new RegExp(`^Distributor ${distributor!.name}:`),
    });
    const partners = deal.scenario.channel.partners.filter(
      (p) => p.distributorId === distributor!.id,
    );
    // one row per customer line of each of its partners, with the engine's distributor commission
    const expected = partners.flatMap((p) =>
      series
        .filter((l) => deal.scenario.customers[l.index]!.partnerId === p.id)
        .map((l) => [
          p.name,
          deal.scenario.customers[l.index]!.name,
          money(l.totals.revenue),
          money(l.totals.distributorCommission),
        ]),
    );
    expect(expected.length).toBeGreaterThan(0);
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual(expected);
  });
});
