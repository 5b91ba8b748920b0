#!/bin/sh
# Runs every test: the cmocka unit tests built in BUILD/tests, then the
# integration scripts tests/it_*.sh against BUILD's binary.  Deterministic
# environment: TZ=UTC, a fixed UTF-8 locale, no user config or cache.
#   sh tests/run.sh [BUILD]      (from the top of the tree)
#   TESTS='date feed' sh tests/run.sh   runs only those
set -u
build=${1:-build}
top=$(pwd)
if [ "$build" = build ]; then bin="$top/sitrep"; else bin="$top/$build/sitrep"; fi
# tests/valgrind.sh runs the same tests through a wrapper of the binary.
bin=${SITREP_TEST_BIN:-$bin}

export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
export SITREP_BIN="$bin" SITREP_TOP="$top" SITREP_BUILD="$top/$build"
unset XDG_CONFIG_HOME XDG_DATA_HOME BROWSER NO_COLOR 2>/dev/null || true
# ../shared/fixtures is optional: tests that use it skip when it is absent.
if [ -d "$top/../shared/fixtures" ]; then
	SITREP_SHARED_FIXTURES=$(cd "$top/../shared/fixtures" && pwd)
	export SITREP_SHARED_FIXTURES
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-tests.XXXXXX")
export SITREP_TEST_TMP="$scratch"
# Each test gets a home of its own so nothing reads the user's files.
export HOME="$scratch/home"
mkdir -p "$HOME"

wanted() {
	[ -z "${TESTS:-}" ] && return 0
	for w in $TESTS; do [ "$w" = "$1" ] && return 0; done
	return 1
}

pass=0 fail=0 failed=
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	name=${t##*/test_}
	wanted "$name" || continue
	printf '%-28s ' "unit  $name"
	if "$t" >"$scratch/out.$name" 2>&1; then
		echo ok; pass=$((pass + 1))
	else
		echo FAIL; fail=$((fail + 1)); failed="$failed $name"
		sed 's/^/    /' "$scratch/out.$name" | tail -40
	fi
done
# Fuzz corpora (seeds and the crashes fuzzing found) as regression tests.
for t in "$build"/fuzz/fuzz_*; do
	[ -x "$t" ] || continue
	name=${t##*/fuzz_}
	wanted "fuzz-$name" || continue
	printf '%-28s ' "fuzz  $name"
	if "$t" tests/fuzz/corpus_"$name"/* >"$scratch/out.fuzz.$name" 2>&1; then
		echo ok; pass=$((pass + 1))
		n=$(ls tests/fuzz/corpus_"$name" | wc -l)
		echo "summary: hostile inputs $n" >>"$scratch/out.fuzz.$name"
	else
		echo FAIL; fail=$((fail + 1)); failed="$failed fuzz-$name"
		tail -40 "$scratch/out.fuzz.$name" | sed 's/^/    /'
	fi
done
for s in tests/it_*.sh; do
	[ -f "$s" ] || continue
	name=${s#tests/it_}; name=${name%.sh}
	wanted "$name" || continue
	printf '%-28s ' "integ $name"
	if sh "$s" >"$scratch/out.it.$name" 2>&1; then
		echo ok; pass=$((pass + 1))
	else
		echo FAIL; fail=$((fail + 1)); failed="$failed $name"
		sed 's/^/    /' "$scratch/out.it.$name" | tail -40
	fi
done
# The fault checks' own figures (lines "summary: WHAT N" in their output),
# added up: what CI shows of them in one line.
cat "$scratch"/out.* 2>/dev/null | awk '
	/^summary: / { n = $NF; $1 = ""; $NF = ""; sub(/^ +/, ""); sub(/ +$/, "");
		sum[$0] += n }
	END { if (length(sum) > 0)
		printf "faults: %d hostile inputs tried, %d kills survived, %d writes checked\n",
		    sum["hostile inputs"], sum["kills survived"], sum["writes checked"] }'
rm -rf "$scratch"
echo "$pass passed, $fail failed${failed:+:$failed}"
[ "$fail" -eq 0 ]
