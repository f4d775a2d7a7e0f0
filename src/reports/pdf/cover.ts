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
  /**
   * Who the document is addressed to, shown at the top right with their logo: the MSP on the
   * vendor's proposal, which the vendor issues (its name top left).
   */
  readonly recipient?: { readonly caption: string; readonly logo: string | null } | undefined;
}

/** The logo box, mm: wide and short, as logos are. */
const LOGO = { width: 64, height: 26 } as const;

function drawLogo(
  w: DocWriter,
  dataUrl: string,
  x: number,
  y: number,
  align: 'left' | 'right' = 'left',
): number {
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
    const left = align === 'right' ? x - lw : x;
    w.doc.addImage(dataUrl, format, left, y, lw, lh, undefined, 'FAST');
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
  if (c.recipient) {
    w.font(SIZE.small, true, t.muted);
    const right = w.pageWidth - MARGIN.right;
    doc.text(w.clean(c.recipient.caption.toUpperCase()), right, y, {
      baseline: 'top',
      align: 'right',
    });
    if (c.recipient.logo !== null) drawLogo(w, c.recipient.logo, right, y + 5, 'right');
  }
  if (c.logo !== null) y += drawLogo(w, c.logo, MARGIN.left, y) + 5;
  if (c.brandName.trim() !== '') {
    w.y = y;
    w.text(c.brandName, {
      size: 13,
      bold: true,
      color: t.brandInk,
      width: w.contentWidth * (c.recipient ? 0.5 : 0.7),
    });
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
