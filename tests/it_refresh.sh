#!/bin/sh
# sitrep refresh against a loopback server: first fetch stores everything,
# the second is a 304 (no parse, no write), a failing feed is reported by
# name and loses nothing, and read/starred state survives; so does a full
# disk.
. "$SITREP_TOP/tests/lib.sh"

mkdir -p "$T/www"
cp "$SITREP_TOP/tests/fixtures/http/advisories.xml" "$SITREP_TOP/tests/fixtures/http/world.xml" "$T/www/"
start_server web "$T/www"

cat >"$T/config.ini" <<INI
[general]
refresh_minutes = 30
timeout = 10

[feed:advisories]
url = http://127.0.0.1:$web_PORT/feeds/advisories.xml
tags = cyber

[feed:world]
url = http://127.0.0.1:$web_PORT/feeds/world.xml
INI

note "first refresh stores every article"
sitrep refresh --verbose 2>"$T/err1" || fail "first refresh failed: $(cat "$T/err1")"
sitrep list --json >"$T/list1.json"
expect_eq "articles after the first refresh" "$(pyjson 'len(j)' "$T/list1.json")" 6
expect_eq "newest first" "$(pyjson 'j[0]["title"]' "$T/list1.json")" \
	"Siemens SCALANCE Devices Affected by Authentication Bypass"
expect_eq "published in UTC" "$(pyjson 'j[0]["published"]' "$T/list1.json")" "2026-07-21T12:00:00Z"
expect_eq "feed key" "$(pyjson 'j[0]["feed"]' "$T/list1.json")" "advisories"
expect_eq "Cyrillic title" "$(pyjson '[a["title"] for a in j if a["feed"] == "world"][1]' "$T/list1.json")" \
	"Украина и Польша договорились о совместных учениях"

note "the second refresh (forced) is answered 304 and writes nothing"
http_get "$web_PORT" /__reset >/dev/null
sitrep refresh --force --verbose 2>"$T/err2" || fail "second refresh failed: $(cat "$T/err2")"
http_get "$web_PORT" /__stats >"$T/stats2.json"
expect_eq "304 answers" "$(pyjson 'j["not_modified"]' "$T/stats2.json")" 2
expect_contains "verbose line for a 304" "$T/err2" "not modified"

note "a feed that is not due is not fetched"
http_get "$web_PORT" /__reset >/dev/null
sitrep refresh 2>"$T/err3" || fail "third refresh failed"
http_get "$web_PORT" /__stats >"$T/stats3.json"
expect_eq "requests when nothing is due" "$(pyjson 'sum(j["requests"].values())' "$T/stats3.json")" 0

note "state survives a changed article"
id=$(pyjson '[a["id"] for a in j if a["title"].startswith("Joint Advisory")][0]' "$T/list1.json")
sed -i 's/co-sealed this advisory/co-sealed this updated advisory/' "$T/www/advisories.xml"
python3 - "$T/cache.db" "$id" <<PY
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE items SET read = 1, starred = 1 WHERE id = ?", (int(sys.argv[2]),))
db.commit()
PY
sitrep refresh --force 2>"$T/err4" || fail "refresh after a change failed: $(cat "$T/err4")"
sitrep list --json >"$T/list4.json"
expect_eq "no duplicates after an update" "$(pyjson 'len(j)' "$T/list4.json")" 6
expect_eq "read kept" "$(pyjson "[a['read'] for a in j if a['id'] == $id][0]" "$T/list4.json")" True
expect_eq "star kept" "$(pyjson "[a['starred'] for a in j if a['id'] == $id][0]" "$T/list4.json")" True
sitrep show "$id" --width 60 >"$T/show.txt"
expect_contains "updated text shown" "$T/show.txt" "co-sealed this updated"

note "a 500 is reported by name and loses nothing"
http_get "$web_PORT" "/__set?path=/feeds/world.xml&status=500" >/dev/null
if sitrep refresh --force 2>"$T/err5"; then
	fail "refresh with a failing feed exited 0"
else
	rc=$?
	expect_eq "exit status with a failed feed" "$rc" 1
fi
expect_contains "failure named" "$T/err5" "feed world failed: HTTP 500 Internal Server Error"
sitrep list --json >"$T/list5.json"
expect_eq "articles kept after a failure" "$(pyjson 'len(j)' "$T/list5.json")" 6
sitrep feeds --json >"$T/feeds.json"
expect_eq "feed status" "$(pyjson '[f["status"] for f in j if f["key"] == "world"][0]' "$T/feeds.json")" failing
expect_eq "feed error" "$(pyjson '[f["error"] for f in j if f["key"] == "world"][0]' "$T/feeds.json")" \
	"HTTP 500 Internal Server Error"
expect_eq "other feed fine" "$(pyjson '[f["status"] for f in j if f["key"] == "advisories"][0]' "$T/feeds.json")" ok

note "a full disk fails the feed by name and keeps what is stored"
# A file size limit stands in for a full disk: SQLite's writes past it
# fail (EFBIG) as they would with ENOSPC.
python3 "$SITREP_TOP/tests/bench/gen_feeds.py" feeds --out "$T/big" --feeds 1 --items 300 >/dev/null
cat >>"$T/config.ini" <<INI

[feed:big]
url = file://$T/big/feed-000.xml
INI
size_kb=$(( $(wc -c <"$T/cache.db") / 1024 ))
set +e
(
	trap '' XFSZ
	# 512-byte blocks: the cache and its log may grow by 64 KiB at most
	ulimit -f $(( (size_kb + 64) * 2 ))
	exec "$SITREP_BIN" --config "$T/config.ini" --cache "$T/cache.db" refresh big
) 2>"$T/err7"
rc=$?
set -e
expect_eq "full disk exit status" "$rc" 1
expect_contains "full disk names the feed" "$T/err7" "feed big failed: could not store the feed:"
expect_contains "full disk names the cache" "$T/err7" "cache.db"
sitrep list --json >"$T/list7.json"
expect_eq "articles kept after a full disk" "$(pyjson 'len(j)' "$T/list7.json")" 6
sitrep refresh big 2>"$T/err8" || fail "refresh after the disk has room: $(cat "$T/err8")"
expect_eq "stored once there is room" "$(sitrep list --count feed:big | cut -d' ' -f1)" 300

note "usage errors exit 2"
set +e
sitrep refresh nosuchfeed 2>"$T/err6"; rc=$?
set -e
expect_eq "unknown feed exit status" "$rc" 2
expect_contains "unknown feed named" "$T/err6" "no feed 'nosuchfeed'"
echo "ok"
