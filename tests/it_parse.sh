#!/bin/sh
# sitrep parse on hostile input (issue 12, defect 6): the document streams
# through the parser under the refresh's cap (max_feed_size), never held
# whole; what is not a regular file or a pipe is refused before a byte is
# read; endless input ends at the cap in bounded time and memory.
. "$SITREP_TOP/tests/lib.sh"

fx="$SITREP_TOP/tests/fixtures/http/advisories.xml"
printf '[general]\nmax_feed_size = 1M\n' >"$T/config.ini"
hostile=0

parse_case() { # NAME SECONDS MEGABYTES ARGS...
	n=$1 s=$2 mb=$3
	shift 3
	run_bounded "$n" "$s" "$mb" "$SITREP_BIN" --config "$T/config.ini" parse "$@"
	hostile=$((hostile + 1))
}

note "a feed file parses, as text and as JSON"
parse_case file 10 64 "$fx"
expect_eq "exit status" "$RB_RC" 0
expect_contains "text" "$T/file.out" "format: rss"
parse_case json 10 64 "$fx" --json
expect_eq "exit status" "$RB_RC" 0
expect_eq "items" "$(pyjson 'len(j["items"])' "$T/json.out")" \
	"$(grep -c '<item>' "$fx")"

note "the same through a pipe and a named pipe"
RB_STDIN=$fx parse_case stdin 10 64 -
expect_eq "exit status" "$RB_RC" 0
cmp "$T/file.out" "$T/stdin.out" >/dev/null || fail "a pipe parses differently"
unset RB_STDIN
mkfifo "$T/fifo"
cat "$fx" >"$T/fifo" &
PIDS="$PIDS $!"
parse_case fifo 10 64 "$T/fifo"
expect_eq "exit status" "$RB_RC" 0
cmp "$T/file.out" "$T/fifo.out" >/dev/null || fail "a named pipe parses differently"

note "what is not a regular file or a pipe is refused, by name"
parse_case zero 5 64 /dev/zero
expect_eq "exit status" "$RB_RC" 2
expect_eq "message" "$(cat "$T/zero.err")" \
	"sitrep parse: /dev/zero is a device; sitrep parse reads a feed from a regular file or a pipe"
parse_case dir 5 64 "$T"
expect_eq "exit status" "$RB_RC" 2
expect_eq "message" "$(cat "$T/dir.err")" \
	"sitrep parse: $T is a directory; sitrep parse reads a feed from a regular file or a pipe"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T/sock"
parse_case sock 5 64 "$T/sock"
expect_eq "exit status" "$RB_RC" 2
expect_eq "message" "$(cat "$T/sock.err")" \
	"sitrep parse: $T/sock is a socket; sitrep parse reads a feed from a regular file or a pipe"
RB_STDIN=/dev/zero parse_case stdin-zero 5 64 -
unset RB_STDIN
expect_eq "exit status" "$RB_RC" 2
expect_eq "message" "$(cat "$T/stdin-zero.err")" \
	"sitrep parse: standard input is a device; sitrep parse reads a feed from a regular file or a pipe"
parse_case missing 5 64 "$T/nothing.xml"
expect_eq "exit status" "$RB_RC" 1
expect_eq "message" "$(cat "$T/missing.err")" \
	"sitrep parse: cannot read $T/nothing.xml: No such file or directory"

note "a file over the cap is refused whole, as a refresh stores nothing of it"
python3 "$SITREP_TOP/tests/bench/gen_feeds.py" feeds --out "$T/big" --feeds 1 --items 3000 >/dev/null
parse_case overcap 10 64 "$T/big/feed-000.xml"
expect_eq "exit status" "$RB_RC" 1
expect_eq "message" "$(cat "$T/overcap.err")" \
	"sitrep parse: $T/big/feed-000.xml: the document is larger than the 1024 KiB cap (max_feed_size); nothing of it was parsed (raise max_feed_size if the feed is really this large)"
[ ! -s "$T/overcap.out" ] || fail "a capped document printed items"

note "endless input through a pipe ends at the cap, in bounded time and memory"
# zeros: not a feed, given up on at once
sh -c 'exec cat /dev/zero' | "$SITREP_BIN" --config "$T/config.ini" parse - \
	>"$T/zeros.out" 2>"$T/zeros.err" && fail "endless zeros parsed"
expect_contains "zeros" "$T/zeros.err" "sitrep parse: -: not a feed"
hostile=$((hostile + 1))
# an endless valid feed: one item after another, forever
cat >"$T/endless.py" <<'PY'
import sys
out = sys.stdout.buffer
out.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>E</title>')
i = 0
try:
    while True:
        out.write(b'<item><title>Item %d</title><link>http://e/%d</link></item>\n' % (i, i))
        i += 1
except BrokenPipeError:
    pass
PY
mkfifo "$T/endless"
python3 "$T/endless.py" >"$T/endless" 2>/dev/null &
PIDS="$PIDS $!"
parse_case endless 20 64 "$T/endless"
expect_eq "exit status" "$RB_RC" 1
expect_contains "message" "$T/endless.err" \
	"the document is larger than the 1024 KiB cap (max_feed_size); nothing of it was parsed"

note "the default cap without a config, and a broken config only warns"
printf '[general]\nmax_feed_size = lots\n' >"$T/broken.ini"
"$SITREP_BIN" --config "$T/broken.ini" parse "$fx" >"$T/broken.out" 2>"$T/broken.err" ||
	fail "parse with a broken config: $(cat "$T/broken.err")"
expect_contains "warning" "$T/broken.err" "sitrep: warning:"
expect_contains "warning" "$T/broken.err" "sitrep parse uses the default max_feed_size"
cmp "$T/file.out" "$T/broken.out" >/dev/null || fail "the broken config changed the output"
echo "summary: hostile inputs $hostile"
