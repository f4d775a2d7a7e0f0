/**
 * Offers a file to the user as a download: a Blob URL on a hidden anchor (nothing leaves the
 * browser). The URL is revoked after the click has been handled, so the download has it.
 * (The app's `downloadText` lives in src/app, which a feature may not import.)
 */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * CSV text as a download. A byte-order mark goes first so spreadsheets read names such as
 * "Łódź Telekom" as UTF-8.
 */
export function downloadCsv(filename: string, text: string): void {
  downloadBlob(filename, new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
}

/** A PDF's bytes as a download. */
export function downloadPdf(filename: string, bytes: Uint8Array): void {
  downloadBlob(filename, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }));
}

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
