/** `registry[v]` turns a stored state of version v − 1 into version v. */
export type MigrationRegistry = Readonly<Record<number, (state: unknown) => unknown>>;

/**
 * Brings a stored state of version `fromVersion` up to `latest`, one step at a time; throws a
 * message for the user when it was saved by a newer app or a step is missing. Serves the
 * working scenario's store (`store version`) and the library (`library version`).
 */
export function runMigrations(
  state: unknown,
  fromVersion: number,
  latest: number,
  registry: MigrationRegistry,
  what: string,
): unknown {
  if (fromVersion > latest) {
    throw new Error(
      `it was saved by a newer version of the app (${what} ${fromVersion}; this one reads up to ${latest})`,
    );
  }
  let current = state;
  for (let v = fromVersion + 1; v <= latest; v++) {
    const step = registry[v];
    if (!step) throw new Error(`no migration to ${what} ${v}`);
    current = step(current);
  }
  return current;
}
