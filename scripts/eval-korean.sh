#!/usr/bin/env bash
# eval-korean.sh [--show-errors]   Measures the Korean particle splitter against mecab-ko-dic
# (kuromoji-ko) on prose from Debian's Korean documentation packages, installed here when missing (as root).
# The prose is read from /usr/share at run time and never copied into the repository.
# Prints precision, recall, F1 and same-stem for the tuning part and the held-out part, and ms per sentence.
# --show-errors lists the tuning part's disagreements word by word; the held-out part's are never listed (it is
# only measured). --text-dir DIR measures another compiled tokenizer (e.g. a past commit's, for before/after).
set -euo pipefail
cd "$(dirname "$0")/.."

# The corpus: three packages of Korean documentation nobody in the project wrote (DFSG-free, in bookworm).
PACKAGES=(debian-faq-ko gimp-help-ko libreoffice-help-ko)
OUT=build/eval-korean

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "eval-korean.sh: the Debian packages ${missing[*]} are missing; run as root to install them" >&2
    exit 1
  fi
  echo "== installing ${missing[*]}" >&2
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -f node_modules/kuromoji-ko/package.json ] || npm ci --no-audit --no-fund

# The splitter as the package ships it (tokenizer and all: brackets and quotes are handled there), compiled alone.
rm -rf "$OUT/text"
npx tsc --target es2022 --module esnext --moduleResolution bundler --lib es2022,dom --types node --skipLibCheck --ignoreConfig \
  --outDir "$OUT/text" web/src/text/tokenizer.ts

node scripts/eval-korean.mjs --packages "${PACKAGES[*]}" --text-dir "$OUT/text" "$@"   # a later --text-dir wins
