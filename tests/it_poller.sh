#!/bin/sh
# The poller against a misbehaving loopback server: every way a server can
# fail costs that feed only, is reported with its reason, schedules the next
# try sensibly, and loses nothing already stored (issue [2/7], SECURITY N1-N7).
. "$SITREP_TOP/tests/lib.sh"

mkdir -p "$T/www"
cp "$SITREP_TOP/tests/fixtures/http/advisories.xml" "$SITREP_TOP/tests/fixtures/http/world.xml" "$T/www/"
start_server web "$T/www"
base=http://127.0.0.1:$web_PORT

# feeds_json KEY FIELD: a field of one feed from `sitrep feeds --json`.
feed_field() {
	sitrep feeds --json >"$T/feeds.json"
	pyjson "[f['$2'] for f in j if f['key'] == '$1'][0]" "$T/feeds.json"
}

# seconds_until RFC3339: how far in the future a date is.
seconds_until() {
	python3 -c 'import sys, datetime, time
t = datetime.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
print(int(t.timestamp() - time.time()))' "$1"
}

# in_range WHAT VALUE LO HI
in_range() {
	[ "$2" -ge "$3" ] && [ "$2" -le "$4" ] || fail "$1: $2 not in [$3, $4]"
}

write_config() { # extra [general] lines, then feed sections on stdin
	{
		printf '[general]\ntimeout = 4\nconnect_timeout = 2\nrefresh_minutes = 10\n%s\n\n' "${1:-}"
		cat
	} >"$T/config.ini"
}

note "redirects: 301 is followed and recorded, the config is never rewritten"
write_config <<INI
[feed:moved]
url = $base/x/moved/301?to=/feeds/world.xml

[feed:temp]
url = $base/x/moved/302?to=/feeds/advisories.xml

[feed:loop]
url = $base/x/loop

[feed:tofile]
url = $base/x/tofile
INI
cp "$T/config.ini" "$T/config.before"
set +e
sitrep refresh 2>"$T/err"; rc=$?
set -e
expect_eq "exit status with failures" "$rc" 1
cmp -s "$T/config.ini" "$T/config.before" || fail "the config file was changed"
expect_contains "301 named" "$T/err" "feed moved: moved permanently to $base/feeds/world.xml: update url in the config's [feed:moved]"
expect_eq "301 stored" "$(feed_field moved moved_to)" "$base/feeds/world.xml"
expect_eq "301 items kept" "$(feed_field moved items)" 3
expect_eq "302 is not a move" "$(feed_field temp moved_to)" None
expect_eq "302 items" "$(feed_field temp items)" 3
expect_contains "redirect loop" "$T/err" "feed loop failed: too many redirects (more than 5): a redirect loop?"
expect_contains "redirect to file:// refused" "$T/err" "feed tofile failed: redirected to a URL sitrep does not follow (only http and https)"
expect_not_contains "no local file read" "$T/err" "root:"

note "429 with Retry-After, 500 back-off, 410 gone"
write_config <<INI
[feed:limited]
url = $base/x/status/429?retry_after=7200

[feed:broken]
url = $base/x/status/500

[feed:gone]
url = $base/x/status/410

[feed:unavailable]
url = $base/x/status/503?retry_after=120
INI
set +e
sitrep refresh 2>"$T/err"; rc=$?
set -e
expect_eq "exit status" "$rc" 1
expect_contains "429 reason" "$T/err" "feed limited failed: HTTP 429 Too Many Requests (the server asked to wait 7200 s)"
in_range "429 next try honours Retry-After" "$(seconds_until "$(feed_field limited next_due)")" 7100 7300
in_range "503 next try honours Retry-After" "$(seconds_until "$(feed_field unavailable next_due)")" 60 180
expect_contains "500 reason" "$T/err" "feed broken failed: HTTP 500 Internal Server Error; next try"
in_range "first back-off is 5 minutes" "$(seconds_until "$(feed_field broken next_due)")" 240 330
sitrep refresh --force broken 2>/dev/null || true
in_range "second back-off is 10 minutes" "$(seconds_until "$(feed_field broken next_due)")" 540 630
expect_contains "410 reason" "$T/err" "feed gone failed: HTTP 410 Gone: the feed was removed"
expect_eq "410 marks gone" "$(feed_field gone status)" gone
http_get "$web_PORT" /__reset >/dev/null
sitrep refresh gone 2>/dev/null || true
http_get "$web_PORT" /__stats >"$T/stats.json"
expect_eq "a gone feed is not fetched unless forced" "$(pyjson 'j["requests"].get("/x/status/410", 0)' "$T/stats.json")" 0
sitrep refresh --force gone 2>/dev/null || true
http_get "$web_PORT" /__stats >"$T/stats.json"
expect_eq "a forced refresh tries a gone feed" "$(pyjson 'j["requests"].get("/x/status/410", 0)' "$T/stats.json")" 1

note "a server that never answers, a trickle, a reset: each costs only its feed"
write_config <<INI
[feed:hang]
url = $base/x/hang

[feed:trickle]
url = $base/x/trickle?delay=1

[feed:reset]
url = $base/x/reset

[feed:world]
url = $base/feeds/world.xml
INI
start=$(date +%s)
set +e
sitrep refresh 2>"$T/err"; rc=$?
set -e
took=$(( $(date +%s) - start ))
expect_eq "exit status" "$rc" 1
[ "$took" -le 15 ] || fail "a hanging server held the refresh for $took s (timeout = 4)"
expect_contains "hang reason" "$T/err" "feed hang failed: timed out"
expect_contains "trickle reason" "$T/err" "feed trickle failed: timed out"
expect_contains "reset reason" "$T/err" "feed reset failed: the connection broke during the transfer"
expect_eq "items before a reset are kept" "$(feed_field reset items)" 20
expect_eq "the healthy feed is stored" "$(feed_field world items)" 3

note "byte cap: a chunked body over the cap and a gzip bomb"
write_config "max_feed_size = 1M" <<INI
[feed:big]
url = $base/x/big?mb=20

[feed:bomb]
url = $base/x/gzipbomb?mb=300
INI
set +e
python3 "$SITREP_TOP/tests/bench/measure.py" --runs 1 -- "$SITREP_BIN" --config "$T/config.ini" \
	--cache "$T/cache.db" refresh >"$T/measure"
set -e
rss_kb=$(cut -d' ' -f3 "$T/measure")
[ "$rss_kb" -lt 150000 ] || fail "peak RSS $rss_kb kB while refusing a gzip bomb"
sitrep feeds --json >"$T/feeds.json"
capped="the document is larger than the 1024 KiB cap (max_feed_size); nothing of it was stored (raise max_feed_size if the feed is really this large)"
expect_eq "chunked body over the cap" "$(pyjson '[f["error"] for f in j if f["key"] == "big"][0]' "$T/feeds.json")" "$capped"
expect_eq "gzip bomb" "$(pyjson '[f["error"] for f in j if f["key"] == "bomb"][0]' "$T/feeds.json")" "$capped"

note "per-host cap: the server never sees more connections than max_per_host"
mkdir -p "$T/many"
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
	sed "s/fixture)/fixture $i)/" "$SITREP_TOP/tests/fixtures/http/advisories.xml" >"$T/many/f$i.xml"
done
start_server slow "$T/many" --latency-ms 300
{
	for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
		printf '[feed:f%s]\nurl = http://127.0.0.1:%s/feeds/f%s.xml\n\n' "$i" "$slow_PORT" "$i"
	done
} | write_config "max_parallel = 16
max_per_host = 2"
sitrep refresh 2>"$T/err" || fail "per-host refresh failed: $(cat "$T/err")"
http_get "$slow_PORT" /__stats >"$T/stats.json"
expect_eq "all fetched" "$(pyjson 'sum(j["requests"].values())' "$T/stats.json")" 12
mc=$(pyjson 'j["max_concurrent"]' "$T/stats.json")
[ "$mc" -le 2 ] || fail "server saw $mc concurrent connections with max_per_host = 2"
[ "$mc" -ge 2 ] || fail "transfers to one host were not run in parallel ($mc)"

note "a writer behind the downloads holds them back, and loses nothing"
# Local feeds finish as fast as they start, so the writer's queue passes its
# bound (WRITE_BACKLOG_MAX in refresh.c) and new transfers wait for it.
{
	for i in $(seq -w 1 40); do
		sed "s/fixture)/fixture $i)/" \
			"$SITREP_TOP/tests/fixtures/http/advisories.xml" >"$T/many/h$i.xml"
		printf '[feed:h%s]\nurl = file://%s/many/h%s.xml\n\n' "$i" "$T" "$i"
	done
} | write_config "max_parallel = 4"
rm -f "$T/cache.db" "$T/cache.db-wal" "$T/cache.db-shm"
sitrep refresh 2>"$T/err" || fail "held refresh failed: $(cat "$T/err")"
expect_eq "every feed stored" "$(sitrep list --count | cut -d' ' -f1)" 120
sitrep feeds --json >"$T/feeds.json"
expect_eq "no feed in error" "$(pyjson 'len([f for f in j if f["error"]])' "$T/feeds.json")" 0

note "schedule: the feed's ttl raises the interval; Cache-Control max-age too"
write_config <<INI
[feed:advisories]
url = $base/feeds/advisories.xml
INI
sitrep refresh 2>/dev/null
# advisories.xml says <ttl>30</ttl>; refresh_minutes = 10.
in_range "ttl 30 beats refresh_minutes 10" "$(seconds_until "$(feed_field advisories next_due)")" 1790 1990

note "a second refresh while one runs skips with a clear message"
write_config <<INI
[feed:hang]
url = $base/x/hang
INI
"$SITREP_BIN" --config "$T/config.ini" --cache "$T/cache.db" refresh --force >/dev/null 2>&1 &
bg=$!
PIDS="$PIDS $bg"
sleep 1
sitrep refresh --force 2>"$T/err2"
expect_contains "lock message" "$T/err2" "another sitrep refresh (pid $bg) is running on this cache; skipped"
wait "$bg" || true

note "per-feed user agent, basic auth with password_command (no shell)"
touch "$T/marker-absent"
rm -f "$T/marker-absent"
cat >"$T/pw.sh" <<'SH'
#!/bin/sh
printf 's3cret\n'
SH
chmod +x "$T/pw.sh"
write_config <<INI
[feed:ua]
url = $base/feeds/world.xml
user_agent = "Mozilla/5.0 (X11; Linux x86_64) sitrep-test"

[feed:auth]
url = $base/x/auth?user=analyst&pass=s3cret
username = analyst
password_command = $T/pw.sh

[feed:sneaky]
url = $base/x/auth?user=a&pass=b
username = a
password_command = echo \$(touch $T/marker-absent)
INI
set +e
sitrep refresh 2>"$T/err"
set -e
http_get "$web_PORT" /__stats >"$T/stats.json"
expect_eq "per-feed user agent" "$(pyjson 'j["user_agents"]["/feeds/world.xml"]' "$T/stats.json")" \
	"Mozilla/5.0 (X11; Linux x86_64) sitrep-test"
expect_eq "basic auth" "$(feed_field auth items)" 1
[ ! -e "$T/marker-absent" ] || fail "password_command went through a shell"
expect_contains "sneaky feed fails with 401" "$T/err" "feed sneaky failed: HTTP 401 Unauthorized"

note "a proxy from the config"
write_config "proxy = http://127.0.0.1:$web_PORT" <<INI
[feed:viaproxy]
url = http://feeds.example.invalid/feeds/advisories.xml
INI
sitrep refresh 2>"$T/err" || fail "refresh through the proxy failed: $(cat "$T/err")"
expect_eq "fetched through the proxy" "$(feed_field viaproxy items)" 3

note "gzip"
start_server gz "$T/www" --gzip
write_config <<INI
[feed:gz]
url = http://127.0.0.1:$gz_PORT/feeds/world.xml
INI
sitrep refresh 2>"$T/err" || fail "gzip refresh failed: $(cat "$T/err")"
expect_eq "gzip body parsed" "$(feed_field gz items)" 3
http_get "$gz_PORT" /__stats >"$T/stats.json"
[ "$(pyjson 'j["bytes"]' "$T/stats.json")" -lt "$(wc -c <"$T/www/world.xml")" ] || fail "the body was not compressed"

note "TLS: a self-signed certificate is refused; trusted explicitly it works"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" \
	-days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" >/dev/null 2>&1
start_server tls "$T/www" --tls "$T/cert.pem" "$T/key.pem"
write_config <<INI
[feed:tls]
url = https://127.0.0.1:$tls_PORT/feeds/world.xml
INI
set +e
sitrep refresh 2>"$T/err"; rc=$?
set -e
expect_eq "self-signed refused" "$rc" 1
expect_contains "TLS reason" "$T/err" "feed tls failed: TLS failed"
SITREP_CA_FILE="$T/cert.pem" sitrep refresh --force 2>"$T/err" ||
	fail "TLS with the certificate trusted failed: $(cat "$T/err")"
expect_eq "TLS feed stored" "$(feed_field tls items)" 3
echo ok
