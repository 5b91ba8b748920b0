#!/bin/sh
# Refreshing from inside the interface against a loopback server: R fetches
# in the background with progress in the status bar while keys are still
# answered; new articles appear without moving the selection; a cron
# `sitrep refresh` in another process shows up by itself; a failing feed is
# marked and explained; C-r fetches one feed; a refresh held by another
# process is reported; with auto_refresh, a refresh at start and one every
# refresh_minutes without a key (this part waits a minute).
. "$SITREP_TOP/tests/lib.sh"
. "$SITREP_TOP/tests/ui_lib.sh"

expand_feeds "$SITREP_TOP/demo" "$T/www"
start_server web "$T/www" --latency-ms 400
cat >"$T/config.ini" <<INI
[general]
timeout = 20

[ui]
auto_refresh = no

[feed:wire]
url = http://127.0.0.1:$web_PORT/feeds/wire.xml
title = Meridian Wire

[feed:cert]
url = http://127.0.0.1:$web_PORT/feeds/cert.atom
title = Northgate CERT
INI
UI="$SITREP_BIN --config $T/config.ini --cache $T/cache.db"

# add_item FILE TITLE GUID: a new newest item at the top of an RSS file
add_rss_item() {
	python3 - "$1" "$2" "$3" <<'PY'
import sys, time
from email.utils import formatdate
path, title, guid = sys.argv[1:]
text = open(path, encoding="utf-8").read()
item = ("<item><title>%s</title><link>https://meridian-wire.example/%s</link>"
        "<guid isPermaLink=\"false\">%s</guid><pubDate>%s</pubDate>"
        "<description>&lt;p&gt;Fresh.&lt;/p&gt;</description></item>\n"
        % (title, guid, guid, formatdate(time.time() - 30, usegmt=True)))
text = text.replace("<item>", item + "<item>", 1)
open(path, "w", encoding="utf-8").write(text)
PY
}

note "an empty cache, then R: progress while keys are answered"
ui_shell 120 40
ui_run "$UI"
wait_for "No articles here yet. R fetches the feeds."
keys R
wait_for "refreshing 0/2"
keys '?'
wait_for "sitrep keys"
expect_screen "refreshing" "the refresh goes on under the help"
keys q
wait_for "refresh: 2 feeds, 17 new articles"
wait_for "Japan and China hold emergency"
wait_for "All | 1/17 | 17 unread"

note "new articles appear without moving the selection"
keys j j
wait_for "All | 3/17"
sel=$(sitrep list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[2]["title"])')
add_rss_item "$T/www/wire.xml" "Breaking: Pacific island states sign maritime security pact" mw-new-1
keys R
wait_for "refresh: 2 feeds, 1 new article"
wait_for "All | 4/18"
wait_for "Breaking: Pacific island states"
keys s
wait_for "starred"
starred=$(sitrep list --json | python3 -c 'import json,sys; print([a["title"] for a in json.load(sys.stdin) if a["starred"]][0])')
expect_eq "the selection stayed on its article" "$starred" "$sel"

note "a cron refresh in another process appears by itself"
add_rss_item "$T/www/wire.xml" "Cron: Baltic states expand undersea cable patrols" mw-new-2
sitrep refresh --force --quiet 2>"$T/cron.err" || fail "cron refresh: $(cat "$T/cron.err")"
wait_for "Cron: Baltic states expand undersea cable patrols"
wait_for "All | 5/19"

note "a failing feed is marked and explained"
http_get "$web_PORT" "/__set?path=/feeds/cert.atom&status=500" >/dev/null
keys C-r
wait_for "refreshing wire"
# "1 feed", not "1 feeds" (issue 11)
wait_for "refresh: 1 feed, 0 new articles"
keys h G
# feeds go by title (issue 11): Meridian Wire, then Northgate CERT
press_until k "feed wire:"
keys l
http_get "$web_PORT" "/__reset" >/dev/null
keys R
wait_for "1 failed (cert: HTTP 500"
keys h g
press_until j "feed cert failing"
expect_screen "HTTP 500" "the error when the feed is selected"
expect_screen "next try" "the next try"
screen | grep -q "^! *Northgate CERT" || fail "failing feed not marked: $(screen)"
keys l

note "another process holding the refresh lock"
cat >"$T/hang.ini" <<INI
[general]
timeout = 4
[feed:hang]
url = http://127.0.0.1:$web_PORT/x/hang
INI
"$SITREP_BIN" --config "$T/hang.ini" --cache "$T/cache.db" refresh --quiet \
	>/dev/null 2>&1 &
hang_pid=$!
PIDS="$PIDS $hang_pid"
sleep 0.5
keys R
wait_for "another sitrep is refreshing"
wait "$hang_pid" 2>/dev/null || true
ui_quit_and_check Q

note "auto_refresh: a refresh at start, then every refresh_minutes, no key"
sed 's/^auto_refresh = no$/auto_refresh = yes/; s/^timeout = 20$/timeout = 20\nrefresh_minutes = 1/' \
	"$T/config.ini" >"$T/auto.ini"
grep -q '^refresh_minutes = 1$' "$T/auto.ini" || fail "auto.ini not written"
http_get "$web_PORT" "/__set?path=/feeds/cert.atom&status=0" >/dev/null
ui_run "$SITREP_BIN --config $T/auto.ini --cache $T/auto.db"
wait_for "refresh: 2 feeds, 19 new articles"
started=$(date +%s)
add_rss_item "$T/www/wire.xml" "Timer: Arctic council resumes scientific cooperation" mw-new-3
wait_for "Timer: Arctic council resumes scientific cooperation" 90
waited=$(( $(date +%s) - started ))
# one interval after the first refresh, give or take the fetch
[ "$waited" -ge 50 ] || fail "the timed refresh came after $waited s, not a minute"
[ "$waited" -le 75 ] || fail "the timed refresh came after $waited s: a feed due in a minute was skipped"
ui_quit_and_check Q
ui_check_stderr
echo ok
