#!/usr/bin/env bash
# Regenerates the PDF fonts in src/reports/pdf/fonts/ (docs/decisions/013-pdf-documents.md).
#
# The PDF documents embed DejaVu Sans (regular and bold) because jsPDF's built-in fonts cover
# Latin-1 only. The full fonts weigh ~740 KB each; this keeps the scripts a proposal needs
# (Latin with its extensions, Greek, Cyrillic), the punctuation, the currency signs and the few
# symbols the documents print, and drops hinting and glyph names: ~110 KB each.
#
# Source: the npm package dejavu-fonts-ttf 2.37.3 (DejaVu 2.37, its LICENSE is copied beside
# the subsets). Needs fontTools (Debian: `apt-get install -y python3-fonttools`; or
# `pip install fonttools`). Run from anywhere: `scripts/subset-fonts.sh [DIR_WITH_TTFS]`; without
# an argument it fetches the package with `npm pack`.
#
# The subsets are committed; CI never runs this. tests/reports/pdf/fonts.test.ts checks that the
# committed files cover the characters the product promises.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/src/reports/pdf/fonts"
# the first Python that has fontTools (PYTHON=… to choose)
python=""
for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
  if "$candidate" -c 'import fontTools.subset' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [[ -z "$python" ]]; then
  echo "subset-fonts: fontTools is missing (apt-get install -y python3-fonttools)" >&2
  exit 1
fi

src="${1:-}"
if [[ -z "$src" ]]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack dejavu-fonts-ttf@2.37.3 --silent >/dev/null && tar xzf dejavu-fonts-ttf-2.37.3.tgz)
  src="$tmp/package/ttf"
  cp "$tmp/package/LICENSE" "$out/LICENSE-DejaVu.txt"
elif [[ -f "$src/../LICENSE" ]]; then
  cp "$src/../LICENSE" "$out/LICENSE-DejaVu.txt"
fi

# Basic Latin, Latin-1 Supplement, Latin Extended-A and -B, IPA/spacing modifiers and combining
# diacritics (names typed decomposed), Greek and Coptic, Cyrillic and Cyrillic Supplement,
# Latin Extended Additional (Vietnamese and others), General Punctuation, currency symbols,
# № ™, arrows ← ↑ → ↓, − ≈ ≠ ≤ ≥ ∞, ▲ ▼ ■ ● and the replacement character �.
unicodes="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0180-024F,U+02B0-02FF,U+0300-036F,\
U+0370-03FF,U+0400-04FF,U+0500-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,\
U+2116,U+2122,U+2190-2193,U+2212,U+2248,U+2260,U+2264-2265,U+221E,\
U+25A0,U+25B2,U+25BC,U+25CF,U+FFFD"

for face in DejaVuSans DejaVuSans-Bold; do
  "$python" -m fontTools.subset "$src/$face.ttf" \
    --unicodes="$unicodes" \
    --layout-features='kern,liga' \
    --no-hinting \
    --desubroutinize \
    --no-glyph-names \
    --name-IDs='*' \
    --name-languages='*' \
    --drop-tables+=FFTM \
    --output-file="$out/$face-subset.ttf"
done
ls -l "$out"
