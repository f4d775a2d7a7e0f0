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
