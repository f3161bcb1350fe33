#!/usr/bin/env bash
# Installs the Debian packages `report` builds against, when any is missing (headless Chromium
# prints the PDF papers, Pandoc writes the LaTeX source and formats the citations in a CSL style);
# with --tests, also TeX, with which the tests compile the arXiv sources (texlive-latex-recommended
# suffices: the only files of texlive-latex-extra that the source names, upquote and xurl, are
# loaded by Pandoc's template only if present, and texlive-latex-extra alone is 79 MB installed).
# Root installs directly; others go through sudo.
set -euo pipefail
packages=(libcairo2-dev fonts-dejavu-core liblapacke-dev libopenblas-dev phcpack libcmark-gfm-dev
  libcmark-gfm-extensions-dev libjs-katex fonts-katex python3-numpy zlib1g-dev chromium pandoc
  citation-style-language-styles)
[ "${1:-}" = "--tests" ] && packages+=(texlive-latex-recommended lmodern)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
