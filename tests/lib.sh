# Shared helpers for the integration tests (tests/it_*.sh).  Sourced, not run.
#
# Every test gets a private directory $T (config, cache, server files) that
# is removed at exit, and every process it starts is killed by PID at exit.
set -eu
: "${SITREP_BIN:?run through tests/run.sh (make test)}"
: "${SITREP_TOP:=$(pwd)}"
T=$(mktemp -d "${SITREP_TEST_TMP:-${TMPDIR:-/tmp}}/it.XXXXXX")
export HOME="$T/home"
mkdir -p "$HOME"
unset XDG_CONFIG_HOME XDG_DATA_HOME http_proxy https_proxy HTTP_PROXY \
	HTTPS_PROXY ALL_PROXY all_proxy 2>/dev/null || true
PIDS=""

cleanup() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

note() {
	echo "-- $*"
}

sitrep() {
	"$SITREP_BIN" --config "$T/config.ini" --cache "$T/cache.db" "$@"
}

# start_server NAME DIR [serve.py options]: sets NAME_PORT and NAME_PID.
start_server() {
	name=$1 dir=$2
	shift 2
	rm -f "$T/$name.port"
	python3 "$SITREP_TOP/tests/serve.py" --dir "$dir" \
		--port-file "$T/$name.port" "$@" >"$T/$name.log" 2>&1 &
	pid=$!
	PIDS="$PIDS $pid"
	i=0
	while [ ! -s "$T/$name.port" ]; do
		i=$((i + 1))
		[ $i -gt 100 ] && fail "server $name did not start: $(cat "$T/$name.log")"
		kill -0 "$pid" 2>/dev/null || fail "server $name died: $(cat "$T/$name.log")"
		sleep 0.05
	done
	eval "${name}_PORT=$(cat "$T/$name.port")"
	eval "${name}_PID=$pid"
}

stop_server() {
	eval "pid=\$${1}_PID"
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# http_get PORT PATH: prints the body (for the server's control paths).
http_get() {
	python3 -c 'import sys, urllib.request
print(urllib.request.urlopen("http://127.0.0.1:%s%s" % (sys.argv[1], sys.argv[2]), timeout=10).read().decode())' "$1" "$2"
}

# pyjson EXPR FILE: evaluates EXPR with j = the JSON in FILE and prints it.
pyjson() {
	python3 -c 'import json, sys
j = json.load(open(sys.argv[2]))
r = eval(sys.argv[1])
print(json.dumps(r) if isinstance(r, (dict, list)) else r)' "$1" "$2"
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# expect_contains WHAT FILE TEXT
expect_contains() {
	grep -qF -- "$3" "$2" || fail "$1: '$3' not in $2: $(head -c 2000 "$2")"
}

expect_not_contains() {
	! grep -qF -- "$3" "$2" || fail "$1: '$3' unexpectedly in $2"
}

# expand_feeds SRC DST: copies the sample feeds, dates relative to now
# (@AGO:90m@ RFC 822, @AGO3339:2d@ RFC 3339), as sitrep --demo does.
expand_feeds() {
	mkdir -p "$2"
	python3 - "$1" "$2" <<'PY'
import os, re, sys, time
from email.utils import formatdate
src, dst = sys.argv[1], sys.argv[2]
now = time.time()
unit = {"m": 60, "h": 3600, "d": 86400}
def ago(m):
    return now - int(m.group(2)[:-1]) * unit[m.group(2)[-1]]
def sub(m):
    t = ago(m)
    if m.group(1) == "AGO3339":
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
    return formatdate(t, usegmt=True)
for name in os.listdir(src):
    p = os.path.join(src, name)
    if not os.path.isfile(p) or not name.endswith((".xml", ".atom", ".json")):
        continue
    text = open(p, encoding="utf-8").read()
    text = re.sub(r"@(AGO|AGO3339):(\d+[mhd])@", sub, text)
    open(os.path.join(dst, name), "w", encoding="utf-8").write(text)
PY
}

# The bounds of run_bounded grow under the sanitizers and valgrind, whose
# runs are slower and bigger by design.
case "$SITREP_BIN" in
*valgrind*) BOUND_TIME_X=30 BOUND_RSS_X=0 ;;
*build-asan*) BOUND_TIME_X=5 BOUND_RSS_X=6 ;;
*) BOUND_TIME_X=1 BOUND_RSS_X=1 ;;
esac

# run_bounded NAME SECONDS MEGABYTES CMD...: runs CMD with stdout in
# $T/NAME.out and stderr in $T/NAME.err; fails the test when it runs longer
# than SECONDS or its peak RSS passes MEGABYTES.  Sets RB_RC (its exit
# status), RB_SECONDS and RB_MB.  RB_STDIN (a file) is its input.
run_bounded() {
	rb_name=$1 rb_s=$2 rb_mb=$3
	shift 3
	set -- $(python3 "$SITREP_TOP/tests/bounded.py" ${RB_STDIN:+--stdin "$RB_STDIN"} \
		$((rb_s * BOUND_TIME_X)) "$T/$rb_name.out" "$T/$rb_name.err" -- "$@")
	RB_RC=$1 RB_SECONDS=$2 RB_MB=$(( $3 / 1024 ))
	note "$rb_name: exit $RB_RC, ${RB_SECONDS} s, ${RB_MB} MB peak"
	[ "$RB_RC" -ne 124 ] || fail "$rb_name: still running after $((rb_s * BOUND_TIME_X)) s: $(head -c 500 "$T/$rb_name.err")"
	[ "$BOUND_RSS_X" -eq 0 ] || [ "$RB_MB" -le $((rb_mb * BOUND_RSS_X)) ] ||
		fail "$rb_name: peak RSS ${RB_MB} MB, over the bound of $((rb_mb * BOUND_RSS_X)) MB"
}
