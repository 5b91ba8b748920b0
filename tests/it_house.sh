#!/bin/sh
# The house rules (issue 10), on the tree and the objects just built: no
# source file over 1,500 lines but the generated tables, and no include or
# call loop between files outside src/ui/ (tools/check_house.py).
. "$SITREP_TOP/tests/lib.sh"
: "${SITREP_BUILD:?run through tests/run.sh}"
command -v nm >/dev/null 2>&1 || { echo "skip: nm is not installed"; exit 0; }
cd "$SITREP_TOP"
python3 tools/check_house.py "$SITREP_BUILD" >"$T/house.out" 2>&1 || fail "$(cat "$T/house.out")"
cat "$T/house.out"
