export { downloadCsv, downloadPdf } from '../../components/download';

/** A CSV file name from the scenario's title: "Müller plan" → "muller-plan-customers.csv". */
export function csvFileName(title: string, what: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'quote'}-${what}.csv`;
}
