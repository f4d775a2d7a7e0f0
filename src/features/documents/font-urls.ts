import bold from '../../reports/pdf/fonts/DejaVuSans-Bold-subset.ttf?url';
import regular from '../../reports/pdf/fonts/DejaVuSans-subset.ttf?url';
import type { FontUrls } from './protocol';

/**
 * The PDF fonts (DejaVu Sans subsets: Latin, Greek, Cyrillic) as URLs of built assets. Only
 * `import()`ed when a document is asked for, so neither the fonts nor this module are part of
 * the first screen; the worker fetches the files (connect-src 'self').
 */
export const fontUrls: FontUrls = { regular, bold };
