#!/usr/bin/env bash
# Installs the system packages the tests use, from Debian's archive: LibreOffice (headless Calc, to
# recalculate generated workbooks), its Python UNO bridge (the structure-edit tests insert rows and columns
# through it, with the system python /usr/bin/python3) and Chromium (for the taskpane's browser tests).
# Skips what is present.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
/usr/bin/python3 -c "import uno" >/dev/null 2>&1 || need+=(python3-uno)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need+=(fonts-liberation)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
