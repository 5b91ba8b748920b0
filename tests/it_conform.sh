#!/bin/sh
# The feed conformance corpus: every case in tests/fixtures/conform (one
# small document per format variant, the expected JSON beside it) through
# `sitrep parse --json` (tests/conform.py says how cases match).
. "$SITREP_TOP/tests/lib.sh"
python3 "$SITREP_TOP/tests/conform.py" "$SITREP_BIN" \
	"$SITREP_TOP/tests/fixtures/conform" >"$T/out" 2>&1 || {
	grep -v '^ok' "$T/out" >&2
	fail "conformance cases failed"
}
n=$(grep -c '^ok' "$T/out")
[ "$n" -ge 8 ] || fail "only $n conformance cases (want one per variant)"
tail -1 "$T/out"
echo ok
