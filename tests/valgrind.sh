#!/bin/sh
# make valgrind: the command-line integration tests (tests/it_*.sh but the
# tmux ones) with every sitrep they start run under valgrind's memcheck.
# A run that reports an error or a definite or indirect leak fails its
# test (exit status 97) and leaves its log, which is printed at the end.
#   sh tests/valgrind.sh BUILD      (VG_TESTS='query refresh' picks tests)
set -u
build=${1:-build-valgrind}
top=$(pwd)
logs="$top/$build/valgrind"
rm -rf "$logs"
mkdir -p "$logs"
wrapper="$top/$build/sitrep-under-valgrind"
cat >"$wrapper" <<SH
#!/bin/sh
# exec keeps the PID: tests that kill sitrep by PID kill valgrind's run.
exec valgrind --quiet --error-exitcode=97 --leak-check=full \\
	--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \\
	--suppressions="$top/tests/valgrind.supp" --log-file="$logs/vg.%p.log" \\
	"$top/$build/sitrep" "\$@"
SH
chmod +x "$wrapper"

if [ -z "${VG_TESTS:-}" ]; then
	# faults kills and restarts sitrep hundreds of times: too slow here,
	# and its crash-safety is not what memcheck checks.
	for s in tests/it_*.sh; do
		n=${s#tests/it_}; n=${n%.sh}
		case $n in ui*|faults) continue ;; esac
		VG_TESTS="${VG_TESTS:-} $n"
	done
fi
SITREP_TEST_BIN="$wrapper" TESTS="$VG_TESTS" UI_WAIT=60 sh tests/run.sh "$build"
rc=$?
bad=0
for f in "$logs"/vg.*.log; do
	[ -s "$f" ] || continue
	bad=$((bad + 1))
	echo "valgrind: $f"
	head -n 40 "$f" | sed 's/^/    /'
done
runs=$(ls "$logs" | wc -l)
echo "valgrind: $runs runs of sitrep, $bad with a report"
[ "$rc" -eq 0 ] && [ "$bad" -eq 0 ]
