/**
 * The cover page every document opens with: the brand (band, logo, name), what the document is,
 * its title, who it is for and from, its date, number and validity.
 */
import { DocumentInputError } from './errors';
import { MARGIN, SIZE, type DocWriter } from './layout';

export interface CoverSpec {
  /** "Proposal", "Internal report": above the title. */
  readonly kindLabel: string;
  readonly title: string;
  readonly subtitle?: string | undefined;
  readonly brandName: string;
  /** A `data:image/png;base64,…` or `data:image/jpeg;base64,…` URL, or null. */
  readonly logo: string | null;
  readonly rows: readonly (readonly [string, string])[];
  /** A line at the foot of the cover (e.g. "Confidential"). */
  readonly footnote?: string | undefined;
}

/** The logo box, mm: wide and short, as logos are. */
const LOGO = { width: 64, height: 26 } as const;

function drawLogo(w: DocWriter, dataUrl: string, x: number, y: number): number {
  const format = /^data:image\/png[;,]/i.test(dataUrl)
    ? 'PNG'
    : /^data:image\/jpe?g[;,]/i.test(dataUrl)
      ? 'JPEG'
      : null;
  if (format === null) {
    throw new DocumentInputError('brand.logo: the logo must be a PNG or JPEG data URL');
  }
  try {
    const { width, height } = w.doc.getImageProperties(dataUrl);
    if (!(width > 0 && height > 0)) throw new Error('no size');
    const scale = Math.min(LOGO.width / width, LOGO.height / height);
    const [lw, lh] = [width * scale, height * scale];
    w.doc.addImage(dataUrl, format, x, y, lw, lh, undefined, 'FAST');
    return lh;
  } catch (e) {
    throw new DocumentInputError(
      `brand.logo: the ${format} image could not be read (${e instanceof Error ? e.message : String(e)}); choose another logo`,
    );
  }
}

export function drawCover(w: DocWriter, c: CoverSpec): void {
  const doc = w.doc;
  const t = w.theme;
  doc.setFillColor(t.brandFill[0], t.brandFill[1], t.brandFill[2]);
  doc.rect(0, 0, w.pageWidth, 9, 'F');

  let y = 24;
  if (c.logo !== null) y += drawLogo(w, c.logo, MARGIN.left, y) + 5;
  if (c.brandName.trim() !== '') {
    w.y = y;
    w.text(c.brandName, { size: 13, bold: true, color: t.brandInk, width: w.contentWidth * 0.7 });
  }

  w.y = 92;
  w.text(c.kindLabel.toUpperCase(), { size: 9, bold: true, color: t.muted, after: 2 });
  w.text(c.title, { size: SIZE.title, bold: true, color: t.ink, after: 2 });
  if (c.subtitle) w.text(c.subtitle, { size: 13, color: t.muted, after: 2 });
  w.gap(2);
  doc.setDrawColor(t.brand[0], t.brand[1], t.brand[2]);
  doc.setLineWidth(0.8);
  doc.line(MARGIN.left, w.y, MARGIN.left + 40, w.y);
  w.y = Math.max(w.y + 12, 165);
  w.keyValues(c.rows, 42);

  if (c.footnote) {
    w.y = Math.max(w.y, w.pageHeight - 38);
    w.text(c.footnote, { size: SIZE.small, bold: true, color: t.brandInk });
  }
}
