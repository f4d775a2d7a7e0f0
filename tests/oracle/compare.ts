/** Comparing two quotes: the numeric parts deep-equal, the issues as a multiset. */

export interface IssueLike {
  level: string;
  code: string;
  path: string;
}

/** Issues as a sorted multiset of (level, code, path): messages are free text. */
export function issueKeys(issues: readonly IssueLike[]): string[] {
  return issues.map((i) => `${i.level} ${i.code} ${i.path}`).sort();
}

/** Every leaf path where `a` and `b` differ, as "path: a ≠ b", at most `limit` of them. */
export function differences(
  a: unknown,
  b: unknown,
  path = '',
  out: string[] = [],
  limit = 40,
): string[] {
  if (out.length >= limit) return out;
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null;
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const next = Array.isArray(a) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      differences(a[key], b[key], next, out, limit);
    }
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push(`${path || '(root)'}: engine ${JSON.stringify(a)} ≠ reference ${JSON.stringify(b)}`);
  }
  return out;
}

interface QuoteLike {
  months: unknown;
  customers: unknown;
  platform: unknown;
  totals: unknown;
  issues: readonly IssueLike[];
}

/** The differences between an engine quote and a reference quote; empty when they agree. */
export function quoteDifferences(engine: QuoteLike, reference: QuoteLike): string[] {
  const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null));
  const out: string[] = [];
  for (const key of ['months', 'customers', 'platform', 'totals'] as const) {
    differences(plain(engine[key]), plain(reference[key]), key, out);
  }
  const e = issueKeys(engine.issues);
  const r = issueKeys(reference.issues);
  if (JSON.stringify(e) !== JSON.stringify(r)) {
    const onlyEngine = [...e];
    const onlyReference: string[] = [];
    for (const key of r) {
      const at = onlyEngine.indexOf(key);
      if (at >= 0) onlyEngine.splice(at, 1);
      else onlyReference.push(key);
    }
    out.push(
      `issues: only in engine ${JSON.stringify(onlyEngine)}; only in reference ${JSON.stringify(onlyReference)}`,
    );
  }
  return out;
}

/**
 * A quote without what PRICING.md version 2 adds (`months[].customers`, `months[].cash`,
 * `customers[].activeFinal`, `totals.cash` and the warning `no-revenue`, which version-1
 * documents get too), for comparing the version-1 figures on their own.
 */
export function version1Fields<T extends QuoteLike>(quote: T): T {
  const q = JSON.parse(JSON.stringify(quote)) as {
    months?: Record<string, unknown>[];
    customers?: Record<string, unknown>[];
    totals?: Record<string, unknown> | null;
    issues: IssueLike[];
  };
  q.issues = q.issues.filter((issue) => issue.code !== 'no-revenue');
  for (const month of q.months ?? []) {
    delete month['customers'];
    delete month['cash'];
  }
  for (const customer of q.customers ?? []) delete customer['activeFinal'];
  if (q.totals) delete q.totals['cash'];
  return q as unknown as T;
}
