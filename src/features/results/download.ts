/**
 * Offers CSV text as a download (a Blob URL; nothing leaves the browser). A byte-order mark
 * goes first so spreadsheets read names such as "Łódź Telekom" as UTF-8. (The app's
 * `downloadText` lives in src/app, which a feature may not import.)
 */
export function downloadCsv(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // revoked after the click has been handled, so the download has its URL
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
