#!/usr/bin/env bash
# Debian packages the charts and browser tests need: Noto CJK fonts (Chinese glyphs),
# Chromium (kaleido static export and the offline-HTML test), poppler (PDF checks) and
# LibreOffice Impress and Writer (the briefing tests render the deck and the Word note to PDF).
# Installs only what is missing; needs root (as on CI), otherwise says what to install.
set -euo pipefail
need=()
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-impress libreoffice-writer)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-sysdeps: missing ${need[*]}; install them with your package manager (Debian: apt-get install ${need[*]})" >&2
  exit 0
fi
echo "install-sysdeps: apt-get install ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
fc-cache -f >/dev/null 2>&1 || true
