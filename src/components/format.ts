/** Formats a quote amount in the browser's locale and the quote's currency. */
export function moneyFormatter(currency: string): (amount: string) => string {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  // Intl formats a decimal string exactly; passing it on keeps every digit (no float parse).
  return (amount) => format.format(amount as unknown as number);
}

/** "1 error", "3 errors". */
export function countLabel(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Text ended as a sentence: a full stop added only when it has no closing punctuation, so a
 * message that already ends "… to open it." is not shown "… to open it.." (issue 11).
 */
export function sentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
