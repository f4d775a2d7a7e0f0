/** Offers text to the user as a file download (a Blob URL; nothing leaves the browser). */
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
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
