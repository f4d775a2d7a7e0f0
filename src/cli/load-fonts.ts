import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_FILES } from '../reports/pdf/index';

/** Where the PDF fonts live in the repository (the browser imports the same files with `?url`). */
export const PDF_FONTS_DIR = fileURLToPath(new URL('../reports/pdf/fonts/', import.meta.url));

/** DejaVu Sans regular and bold (subsets), as `buildDocument` takes them. */
export function loadPdfFonts(dir = PDF_FONTS_DIR): { regular: Uint8Array; bold: Uint8Array } {
  return {
    regular: readFileSync(join(dir, FONT_FILES.regular)),
    bold: readFileSync(join(dir, FONT_FILES.bold)),
  };
}
