#!/usr/bin/env bash
# Installs the system packages the tests use, from Debian's archive: LibreOffice (headless Calc, to
# recalculate generated workbooks), its Python UNO bridge (the tests edit workbooks and insert rows and columns
# through it, as a user would, with the system python /usr/bin/python3), Chromium (for the taskpane's browser
# tests), poppler-utils (pdftotext, to check the sheets as they print) and fonts. Skips what is present.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
/usr/bin/python3 -c "import uno" >/dev/null 2>&1 || need+=(python3-uno)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need+=(fonts-liberation)
# Carlito has Calibri's metrics, so LibreOffice wraps and prints text as Excel would.
[ -e /usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf ] || need+=(fonts-crosextra-carlito)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
