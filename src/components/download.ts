/**
 * Files offered to the user as downloads: a Blob URL on a hidden anchor (nothing leaves the
 * browser). The URL is revoked after the click has been handled, so the download has it.
 * One place for the shell, the scenarios page, the documents panel and the CSV import.
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

/** Text as a download (JSON unless told otherwise). */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/**
 * CSV text as a download. A byte-order mark goes first so spreadsheets read names such as
 * "Łódź Telekom" as UTF-8 (the CSV readers here skip it).
 */
export function downloadCsv(filename: string, text: string): void {
  downloadBlob(filename, new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
}

/** A PDF's bytes as a download. */
export function downloadPdf(filename: string, bytes: Uint8Array): void {
  downloadBlob(filename, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }));
}
