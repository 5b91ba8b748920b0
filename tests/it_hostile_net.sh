#!/bin/sh
# Hostile servers and what sitrep's children see (issue 12, defects 1-3, 9):
# a browser and a password_command inherit no descriptor above 2, also
# while a refresh holds live sockets; a body stopped by the byte cap stores
# nothing; no server-given interval (max-age, Expires, Retry-After, <ttl>)
# schedules a feed further than 7 days ahead; the "moved permanently" hint
# names the Location the server sent.
. "$SITREP_TOP/tests/lib.sh"
. "$SITREP_TOP/tests/ui_lib.sh"

mkdir -p "$T/www"
expand_feeds "$SITREP_TOP/demo" "$T/www"
start_server web "$T/www"
base="http://127.0.0.1:$web_PORT"

feed_field() {
	sitrep feeds --json >"$T/feeds.json"
	pyjson "[f['$2'] for f in j if f['key'] == '$1'][0]" "$T/feeds.json"
}

# days_until RFC3339: whole days from now to a date.
days_until() {
	python3 -c 'import sys, datetime, time
t = datetime.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
print(int((t.timestamp() - time.time()) // 86400))' "$1"
}

write_config() { # extra [general] lines, then feed sections on stdin
	{
		printf '[general]\ntimeout = 6\nconnect_timeout = 2\nrefresh_minutes = 10\n%s\n\n' "${1:-}"
		cat
	} >"$T/config.ini"
}

# A program that lists the descriptors above 2 it was started with (and
# where they lead) into $FD_LOG, then prints a password: usable both as a
# browser and as a password_command.
cat >"$T/fdlist" <<'PY'
#!/usr/bin/env python3
import os
fds = []
for fd in range(3, 4096):
    try:
        os.fstat(fd)
    except OSError:
        continue
    try:
        fds.append("%d:%s" % (fd, os.readlink("/proc/self/fd/%d" % fd)))
    except OSError:
        fds.append(str(fd))
with open(os.environ["FD_LOG"], "a") as f:
    f.write((" ".join(fds) or "none") + "\n")
print("s3cret")
PY
chmod +x "$T/fdlist"
export FD_LOG="$T/fds.log"

note "password_command inherits no descriptor, with other transfers running"
rm -f "$FD_LOG"
write_config <<INI
[feed:slow]
url = $base/x/trickle?delay=0.5

[feed:auth]
url = $base/x/auth?user=analyst&pass=s3cret
username = analyst
password_command = $T/fdlist

[feed:auth2]
url = $base/x/auth?user=analyst&pass=s3cret
username = analyst
password_command = $T/fdlist
INI
sitrep refresh --quiet 2>"$T/err" || true
[ -s "$FD_LOG" ] || fail "password_command did not run: $(cat "$T/err")"
expect_eq "descriptors of password_command" "$(sort -u "$FD_LOG")" none
expect_eq "the password still works" "$(feed_field auth items)" 1

note "the browser, opened with o during a refresh, inherits no descriptor"
rm -f "$FD_LOG"
write_config <<INI
[ui]
auto_refresh = no

[feed:wire]
url = file://$T/www/wire.xml

[feed:slow]
url = $base/x/trickle?delay=0.5

[feed:slow2]
url = $base/x/hang
INI
sitrep refresh --quiet wire 2>"$T/err" || fail "refresh: $(cat "$T/err")"
ui_shell 120 40
ui_run "env BROWSER=$T/fdlist $SITREP_BIN --config $T/config.ini --cache $T/cache.db"
wait_for "Meridian"
keys R
wait_for "refreshing"
keys o
deadline=$(( $(date +%s) + UI_WAIT ))
while [ ! -s "$FD_LOG" ]; do
	[ "$(date +%s)" -gt "$deadline" ] && fail "the browser was not started: $(screen)"
	sleep 0.05
done
expect_screen "refreshing" "the refresh was still running when o was pressed"
expect_eq "descriptors of the browser" "$(cat "$FD_LOG")" none
ui_kill
ui_check_stderr

note "a body stopped by the byte cap stores nothing, and says so"
write_config "max_feed_size = 1M" <<INI
[feed:big]
url = $base/x/big?mb=20
INI
set +e
sitrep refresh 2>"$T/err"
set -e
expect_eq "articles of a capped body" "$(feed_field big items)" 0
expect_contains "the message says nothing was stored" "$T/err" \
	"the document is larger than the 1024 KiB cap (max_feed_size); nothing of it was stored"

note "server-given intervals are capped at 7 days"
write_config <<INI
[feed:maxage]
url = $base/x/told?cc=max-age%3D99999999999999999999

[feed:expires]
url = $base/x/told?expires=Fri,%2031%20Dec%209999%2023:59:59%20GMT

[feed:ttl]
url = $base/x/told?ttl=99999999

[feed:retry]
url = $base/x/status/429?retry_after=99999999999
INI
set +e
sitrep refresh 2>"$T/err"
set -e
for k in maxage expires ttl retry; do
	d=$(days_until "$(feed_field $k next_due)")
	[ "$d" -le 7 ] || fail "feed $k is scheduled $d days ahead (cap: 7)"
done
expect_eq "a capped max-age is a week" "$(days_until "$(feed_field maxage next_due)")" 7
expect_eq "a capped Expires is a week" "$(days_until "$(feed_field expires next_due)")" 7
expect_eq "the articles of a capped feed are kept" "$(feed_field maxage items)" 1

note "the moved-permanently hint names the Location as sent"
loc="HTTP://127.0.0.1:$web_PORT/feeds/wire.xml?from=old"
enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$loc")
write_config <<INI
[feed:moved]
url = $base/x/moved/301?to=$enc
INI
set +e
sitrep refresh 2>"$T/err"
set -e
expect_contains "the hint" "$T/err" "moved permanently to $loc: update url in the config's [feed:moved]"
expect_eq "the stored move" "$(feed_field moved moved_to)" "$loc"
echo "summary: hostile inputs 8"
