#!/usr/bin/env bash
# Shakes the fast-check properties (npm run test:shake [-- suites...]): runs the property suites once per seed
# (SEEDS, default 1..10) with FC_RUNS_FACTOR times their runs, one Jest worker, and lists the failures with the
# seed to replay: FC_SHAKE=1 FC_SEED=<seed> npx jest <file> -t '<test>'. Suites that start LibreOffice are
# left out unless SHAKE_LO=1; SHAKE_NAMES=propert runs only the tests so named (most properties). Not part of
# npm test.
set -uo pipefail
cd "$(dirname "$0")/.."
seeds=${SEEDS:-$(seq 1 10)}
if [ $# -eq 0 ]; then set -- test/engine test/workbook test/functions test/taskpane; fi
files=$(grep -rlE "fc\.(asyncProperty|property)\(" "$@")
# LibreOffice suites only when asked (SHAKE_LO=1): one shared soffice, 5-15 s a call.
[ "${SHAKE_LO:-}" = 1 ] || files=$(echo "$files" | xargs grep -LE "from \"(\.\./)*(workbook/)?libreoffice\"|from \"\./libreoffice\"|/uno/")
log=${SHAKE_LOG:-/tmp/shake}
mkdir -p "$log"
status=0
for seed in $seeds; do
  if FC_SHAKE=1 FC_SEED=$seed npx jest --maxWorkers=1 ${SHAKE_NAMES:+-t "$SHAKE_NAMES"} $files >"$log/seed-$seed.txt" 2>&1; then
    echo "seed $seed: pass"
  else
    status=1
    echo "seed $seed: FAIL ($log/seed-$seed.txt)"
    grep -E "^(FAIL|  ●) " "$log/seed-$seed.txt" | grep -v "Console" | sort -u
  fi
done
exit $status
