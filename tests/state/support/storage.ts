import { DEFAULT_STORAGE_QUOTA } from './quota';

/**
 * A localStorage stand-in with a quota, counted like browsers do (UTF-16 code units of keys
 * and values): a write that would pass it throws QuotaExceededError and changes nothing.
 */
export function quotaStorage(initial: Record<string, string> = {}, quota = DEFAULT_STORAGE_QUOTA) {
  const items = new Map(Object.entries(initial));
  let limit = quota;
  const used = () => [...items].reduce((n, [k, v]) => n + k.length + v.length, 0);
  const storage = {
    getItem: (name: string) => items.get(name) ?? null,
    setItem: (name: string, value: string) => {
      const before = items.get(name);
      const after = used() - (before === undefined ? 0 : name.length + before.length);
      if (after + name.length + value.length > limit) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      items.set(name, value);
    },
    removeItem: (name: string) => void items.delete(name),
  };
  return {
    storage,
    items,
    used,
    /** Fills storage to the brim with filler keys, as a page that stored too much would. */
    fill: () => {
      limit = used();
    },
    /** Makes room again. */
    free: () => {
      limit = Number.POSITIVE_INFINITY;
    },
    snapshot: () => new Map(items),
  };
}
