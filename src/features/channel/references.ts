import type { Scenario } from '../../engine/index';

type Channel = Scenario['channel'];

/** The customer lines whose partner is `partnerId`. */
export function linesOfPartner(scenario: Scenario, partnerId: string) {
  return scenario.customers.filter((c) => c.partnerId === partnerId);
}

/**
 * The scenario with `next` as its channel, and its customer lines kept
 * pointing at partners that exist: when one partner id changed in place, its
 * lines follow the new id; a partner that was removed (the step asks first)
 * leaves its lines as direct sales (`partnerId: null`). One edit, so one undo.
 */
export function withChannel(scenario: Scenario, next: Channel): Scenario {
  const prev = scenario.channel.partners;
  const nextIds = new Set(next.partners.map((p) => p.id));
  const moved = new Map<string, string | null>();
  const changed =
    prev.length === next.partners.length
      ? prev.flatMap((p, i) => (p.id === next.partners[i]!.id ? [] : [i]))
      : null;
  if (changed?.length === 1) {
    const i = changed[0]!;
    if (!nextIds.has(prev[i]!.id)) moved.set(prev[i]!.id, next.partners[i]!.id);
  } else {
    for (const p of prev) if (!nextIds.has(p.id)) moved.set(p.id, null);
  }
  const customers =
    moved.size === 0
      ? scenario.customers
      : scenario.customers.map((c) =>
          c.partnerId !== null && moved.has(c.partnerId)
            ? { ...c, partnerId: moved.get(c.partnerId)! }
            : c,
        );
  return { ...scenario, channel: next, customers };
}
