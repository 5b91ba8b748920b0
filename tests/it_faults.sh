#!/bin/sh
# Faults (issue 12, "keep it found"; SECURITY.md D2, D3):
# 1. SIGKILL a refresh of 100 loopback feeds at 20 points: after each, the
#    cache passes integrity_check, each feed is entirely before or entirely
#    after its update, and no read, star or tag is lost.
# 2. A cron-style refresh loop against an interface-like writer (tags and
#    marks through the CLI, as the interface's own store calls): at least
#    200 writes on each side, no BUSY reaches anyone, nothing is lost.
# Each part ends with a "summary:" line that tests/run.sh adds up.
. "$SITREP_TOP/tests/lib.sh"

FEEDS=${FAULT_FEEDS:-100}
KILLS=${FAULT_KILLS:-20}

mkdir -p "$T/v1" "$T/v2" "$T/www"
python3 "$SITREP_TOP/tests/bench/gen_feeds.py" feeds --out "$T/v1" \
	--feeds "$FEEDS" --items 12 >/dev/null
# Version 2 of every feed: each title changes, so a feed written in part
# would show old and new titles side by side.
python3 - "$T/v1" "$T/v2" <<'PY'
import os, re, sys
src, dst = sys.argv[1:]
for name in os.listdir(src):
    if not name.startswith("feed-"):
        continue
    text = open(os.path.join(src, name), encoding="utf-8").read()
    text = re.sub(r"<title>(?!v2 )", "<title>v2 ", text)
    text = re.sub(r'<title type="([a-z]+)">', r'<title type="\1">v2 ', text)
    open(os.path.join(dst, name), "w", encoding="utf-8").write(text)
PY
cp "$T"/v1/feed-* "$T/www/"
start_server web "$T/www" --latency-ms 30

{
	printf '[general]\ntimeout = 10\nmax_parallel = 8\n\n'
	for f in "$T"/v1/feed-*; do
		n=${f##*/feed-}; n=${n%.*}
		printf '[feed:f%s]\nurl = http://127.0.0.1:%s/feeds/%s\n\n' "$n" "$web_PORT" "${f##*/}"
	done
} >"$T/config.ini"

sitrep refresh --quiet 2>"$T/err" || fail "first refresh: $(cat "$T/err")"
sitrep list --json >"$T/all.json"
total=$(pyjson 'len(j)' "$T/all.json")
[ "$total" -ge $((FEEDS * 10)) ] || fail "only $total articles after the first refresh"

# The analyst's triage: every 7th article read, every 11th starred, every
# 13th tagged.  These must survive anything a refresh goes through.
pyjson '" ".join(str(a["id"]) for a in j[::7])' "$T/all.json" >"$T/read.ids"
pyjson '" ".join(str(a["id"]) for a in j[::11])' "$T/all.json" >"$T/star.ids"
pyjson '" ".join(str(a["id"]) for a in j[::13])' "$T/all.json" >"$T/tag.ids"
# shellcheck disable=SC2046
sitrep mark $(cat "$T/read.ids") read >/dev/null
# shellcheck disable=SC2046
sitrep mark $(cat "$T/star.ids") star >/dev/null
# shellcheck disable=SC2046
sitrep tag $(cat "$T/tag.ids") +keep >/dev/null

# check_cache WHAT: integrity, whole feeds, triage intact.
check_cache() {
	python3 - "$T/cache.db" <<'PY' || fail "$1: integrity_check: see above"
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
r = db.execute("PRAGMA integrity_check").fetchall()
if r != [("ok",)]:
    sys.exit("integrity_check: %r" % r[:5])
PY
	sitrep list --json >"$T/now.json" 2>"$T/list.err" || fail "$1: list: $(cat "$T/list.err")"
	python3 - "$T/now.json" "$T/read.ids" "$T/star.ids" "$T/tag.ids" "$1" <<'PY' || exit 1
import json, sys
arts = json.load(open(sys.argv[1]))
want = [set(map(int, open(p).read().split())) for p in sys.argv[2:5]]
what = sys.argv[5]
by_feed = {}
for a in arts:
    by_feed.setdefault(a["feed"], set()).add(a["title"].startswith("v2 "))
mixed = sorted(k for k, v in by_feed.items() if len(v) > 1)
if mixed:
    sys.exit("FAIL: %s: feeds written in part: %s" % (what, ", ".join(mixed[:5])))
ids = {a["id"]: a for a in arts}
for name, need, ok in (("read", want[0], lambda a: a["read"]),
                       ("starred", want[1], lambda a: a["starred"]),
                       ("tagged", want[2], lambda a: "keep" in a["tags"])):
    lost = [i for i in need if i not in ids or not ok(ids[i])]
    if lost:
        sys.exit("FAIL: %s: %d %s articles lost their state (e.g. %d)"
                 % (what, len(lost), name, lost[0]))
print(sum(1 for v in by_feed.values() if True in v))
PY
}

cp "$T/cache.db" "$T/base.db"
[ ! -f "$T/cache.db-wal" ] || cp "$T/cache.db-wal" "$T/base.db-wal"

# How long a whole refresh to version 2 takes: the kills spread over it.
cp "$T"/v2/feed-* "$T/www/"
t0=$(date +%s.%N)
sitrep refresh --force --quiet 2>"$T/err" || fail "v2 refresh: $(cat "$T/err")"
t1=$(date +%s.%N)
after=$(check_cache "after a whole refresh")
expect_eq "feeds at version 2 after a whole refresh" "$after" "$FEEDS"
span=$(python3 -c "print(max(0.2, $t1 - $t0))")

note "SIGKILL a refresh of $FEEDS feeds at $KILLS points over ${span}s"
k=1 partial=0
while [ $k -le "$KILLS" ]; do
	rm -f "$T/cache.db" "$T/cache.db-wal" "$T/cache.db-shm"
	cp "$T/base.db" "$T/cache.db"
	[ ! -f "$T/base.db-wal" ] || cp "$T/base.db-wal" "$T/cache.db-wal"
	delay=$(python3 -c "print($span * $k / ($KILLS + 1))")
	"$SITREP_BIN" --config "$T/config.ini" --cache "$T/cache.db" \
		refresh --force --quiet >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	new=$(check_cache "kill $k at ${delay}s")
	[ "$new" -gt 0 ] && [ "$new" -lt "$FEEDS" ] && partial=$((partial + 1))
	# the next refresh completes what the killed one left
	sitrep refresh --force --quiet 2>"$T/err" || fail "refresh after kill $k: $(cat "$T/err")"
	expect_eq "after kill $k, the next refresh" "$(check_cache "after kill $k, refreshed")" "$FEEDS"
	k=$((k + 1))
done
# Most kills must land mid-refresh, or the test proves little.
[ "$partial" -ge $((KILLS / 2)) ] || fail "only $partial of $KILLS kills landed mid-refresh"
echo "summary: kills survived $KILLS"

note "a cron refresh loop against an interface-like writer"
# The writer: tag and mark commands in a loop, as fast as they go, while
# refreshes of every feed run one after another.  Feeds alternate between
# the two versions so that each refresh writes every feed.
cp "$T/base.db" "$T/cache.db"
rm -f "$T/cache.db-wal" "$T/cache.db-shm"
[ ! -f "$T/base.db-wal" ] || cp "$T/base.db-wal" "$T/cache.db-wal"
pyjson '"\n".join(str(a["id"]) for a in j[:100])' "$T/all.json" >"$T/write.ids"
(
	i=0
	while [ ! -f "$T/writer.done" ]; do
		v=$(( i % 2 + 1 ))
		cp "$T"/v$v/feed-* "$T/www/"
		"$SITREP_BIN" --config "$T/config.ini" --cache "$T/cache.db" \
			refresh --force --quiet >>"$T/cron.out" 2>>"$T/cron.err" ||
			echo "exit $?" >>"$T/cron.err"
		i=$((i + 1))
		echo "$i" >"$T/cron.runs"
	done
) &
cron=$!
PIDS="$PIDS $cron"
writes=0
while read -r id; do
	sitrep tag "$id" "+w$writes" >/dev/null 2>>"$T/writer.err" ||
		fail "tag $id: $(cat "$T/writer.err")"
	sitrep mark "$id" star >/dev/null 2>>"$T/writer.err" ||
		fail "mark $id: $(cat "$T/writer.err")"
	writes=$((writes + 2))
done <"$T/write.ids"
# at least two whole refreshes (each writes every feed) during the writes
while [ "$(cat "$T/cron.runs" 2>/dev/null || echo 0)" -lt 2 ]; do sleep 0.1; done
touch "$T/writer.done"
wait "$cron" || true
runs=$(cat "$T/cron.runs")
if [ -s "$T/cron.err" ] || [ -s "$T/writer.err" ]; then
	fail "errors while writing side by side: $(head -c 1500 "$T/cron.err" "$T/writer.err")"
fi
! grep -qi "busy\|locked" "$T/cron.out" || fail "BUSY shown: $(grep -i "busy\|locked" "$T/cron.out" | head -3)"
sitrep list --json >"$T/now.json"
python3 - "$T/now.json" "$T/write.ids" <<'PY' || exit 1
import json, sys
arts = {a["id"]: a for a in json.load(open(sys.argv[1]))}
ids = [int(x) for x in open(sys.argv[2]).read().split()]
for n, i in enumerate(ids):
    a = arts.get(i)
    if a is None or not a["starred"] or ("w%d" % (2 * n)) not in a["tags"]:
        sys.exit("FAIL: the writer's change to article %d was lost: %r" % (i, a))
PY
refresh_writes=$((runs * FEEDS))
[ "$refresh_writes" -ge 200 ] || fail "only $refresh_writes feed writes by the refreshes"
echo "summary: writes checked $((writes + refresh_writes))"
