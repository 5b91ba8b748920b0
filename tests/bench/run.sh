#!/bin/sh
# sitrep's benchmarks, self-contained: their own feed generator and server.
#
#   sh tests/bench/run.sh BUILD [SECTION...]     (make bench; BENCH='ingest')
#
# Sections:
#   ingest   parse and ingest MB/s on a generated 80 MB feed, beside sfeed's
#            parse time on the same file when sfeed is installed
#   refresh  200 feeds x 50 items at 100 ms latency: cold refresh, a forced
#            refresh where every feed answers 304, peak RSS, curl --parallel
#            as the floor, newsboat and sfeed_update when installed
#   ui       the interface on a generated 100k-article cache at 120x40:
#            opening to the first full screen and quitting (time, peak RSS),
#            then the slowest key of a script (G, k x100, j x200, pages,
#            next unread, open, a filter) and the slowest step done while
#            keys pause (counts); newsboat's open time when installed
#   cache    the query language on a generated 100k-article cache
#            (classified through the real pipeline): a full-text page and
#            count, `country:JP unread`, counts per topic and per country
#            (query_facets) and reclassify
# Data and results go to tests/bench/out (kept between runs; delete it to
# regenerate).  Only loopback is used; servers started here are killed by PID.
set -eu
build=${1:-build}
shift || true
sections=${*:-ingest refresh ui cache}
top=$(pwd)
B=$top/tests/bench
W=$top/tests/bench/out
bin=$top/sitrep
[ "$build" = build ] || bin=$top/$build/sitrep
RUNS=${RUNS:-3}
LATENCY_MS=${LATENCY_MS:-100}
BIG_MB=${BIG_MB:-80}
export LC_ALL=C.UTF-8 TZ=UTC
mkdir -p "$W/home"
export HOME="$W/home"
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

have() { command -v "$1" >/dev/null 2>&1; }
measure() { python3 "$B/measure.py" --runs "$RUNS" "$@"; }
# ratio A B: A / B with two decimals
ratio() { python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }
mb_per_s() { python3 -c "import sys; print('%.0f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$1" "$2"; }

start_server() { # DIR LATENCY_MS -> PORT
	rm -f "$W/port"
	python3 "$top/tests/serve.py" --dir "$1" --port-file "$W/port" \
		--latency-ms "$2" >"$W/server.log" 2>&1 &
	PIDS="$PIDS $!"
	while [ ! -s "$W/port" ]; do sleep 0.05; done
	PORT=$(cat "$W/port")
}

sec_ingest() {
	big=$W/big_rss.xml
	[ -f "$big" ] || python3 "$B/gen_feeds.py" big --out "$big" --size-mb "$BIG_MB"
	echo "== ingest: one ${BIG_MB} MB RSS file ($(grep -c '<item>' "$big") items), best of $RUNS"
	"$top/$build/bench/bench_ingest" "$big" "$W/ingest.db" "$RUNS" | tee "$W/ingest.txt"
	if have sfeed; then
		set -- $(python3 "$B/measure.py" --runs "$RUNS" --stdin "$big" -- sfeed)
		size=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1048576)" "$big")
		echo "sfeed   parse $2 s (best)  $(mb_per_s "$size" "$2") MB/s" | tee -a "$W/ingest.txt"
	else
		echo "sfeed not installed: no comparison (apt-get install sfeed)"
	fi
	echo "goal: parse >= sfeed's MB/s; ingest (parse + store + index) >= 40 MB/s"
}

write_config() { # FILE PORT
	{
		printf '[general]\nmax_parallel = 16\nmax_per_host = 16\n'
		printf 'timeout = 60\nkeep_days = 0\n\n'
		i=0
		for f in "$W"/feeds200/feed-*.xml; do
			printf '[feed:f%03d]\nurl = http://127.0.0.1:%s/feeds/%s\n\n' \
				"$i" "$2" "${f##*/}"
			i=$((i + 1))
		done
	} >"$1"
}

sec_refresh() {
	[ -f "$W/feeds200/feed-199.xml" ] ||
		python3 "$B/gen_feeds.py" feeds --out "$W/feeds200" --feeds 200 --items 50
	start_server "$W/feeds200" "$LATENCY_MS"
	cfg=$W/refresh.ini
	write_config "$cfg" "$PORT"
	: >"$W/curl.cfg"
	for f in "$W"/feeds200/feed-*.xml; do
		printf 'url = "http://127.0.0.1:%s/feeds/%s"\noutput = "/dev/null"\n' \
			"$PORT" "${f##*/}" >>"$W/curl.cfg"
	done
	echo "== refresh: 200 feeds x 50 items ($(du -sh "$W/feeds200" | cut -f1)), ${LATENCY_MS} ms latency, 16 in flight; median of $RUNS"
	set -- $(measure -- curl -s --parallel --parallel-max 16 --config "$W/curl.cfg")
	curl_s=$1
	set -- $(measure --prepare "rm -f $W/r.db $W/r.db-wal $W/r.db-shm" -- \
		"$bin" --config "$cfg" --cache "$W/r.db" refresh --quiet)
	cold_s=$1 cold_rss=$3
	set -- $(measure -- "$bin" --config "$cfg" --cache "$W/r.db" refresh --force --quiet)
	nm_s=$1 nm_rss=$3
	floor=$(python3 -c "import math; print('%.3f' % (math.ceil(200 / 16) * $LATENCY_MS / 1000))")
	printf '%-34s %8s %10s\n' "workload" "seconds" "peak RSS"
	printf '%-34s %8s %10s\n' "curl --parallel-max 16 (floor)" "$curl_s" "-"
	printf '%-34s %8s %7s MB   %sx curl (goal <= 1.15)\n' "sitrep cold refresh" "$cold_s" \
		"$((cold_rss / 1024))" "$(ratio "$cold_s" "$curl_s")"
	printf '%-34s %8s %7s MB   %sx floor %s s (goal <= 1.15)\n' "sitrep forced refresh, all 304" \
		"$nm_s" "$((nm_rss / 1024))" "$(ratio "$nm_s" "$floor")" "$floor"
	if have newsboat; then
		d=$W/newsboat
		mkdir -p "$d"
		echo "reload-threads 16" >"$d/config"
		for f in "$W"/feeds200/feed-*.xml; do
			echo "http://127.0.0.1:$PORT/feeds/${f##*/}"
		done >"$d/urls"
		nb="newsboat -C $d/config -c $d/cache.db -u $d/urls -x reload"
		set -- $(measure --prepare "rm -f $d/cache.db $d/cache.db.lock" -- $nb)
		printf '%-34s %8s %7s MB\n' "newsboat reload-threads 16, cold" "$1" "$(($3 / 1024))"
		$nb >/dev/null 2>&1 || true
		set -- $(measure -- $nb)
		printf '%-34s %8s %7s MB\n' "newsboat reload-threads 16, again" "$1" "$(($3 / 1024))"
	fi
	if have sfeed_update; then
		d=$W/sfeed
		mkdir -p "$d"
		{
			echo "sfeedpath=\"$d/feeds\""
			echo "maxjobs=16"
			echo "feeds() {"
			for f in "$W"/feeds200/feed-*.xml; do
				echo "	feed \"${f##*/}\" \"http://127.0.0.1:$PORT/feeds/${f##*/}\""
			done
			echo "}"
		} >"$d/sfeedrc"
		set -- $(measure --prepare "rm -rf $d/feeds" -- sfeed_update "$d/sfeedrc")
		printf '%-34s %8s %7s MB\n' "sfeed_update 16 jobs, cold" "$1" "$(($3 / 1024))"
		set -- $(measure -- sfeed_update "$d/sfeedrc")
		printf '%-34s %8s %7s MB\n' "sfeed_update 16 jobs, again" "$1" "$(($3 / 1024))"
	fi
	echo "goals: cold <= 1.15 x curl; all-304 <= 1.15 x ${floor} s; peak RSS <= 40 MB"
}

sec_ui() {
	db=$W/ui100k.db
	cfg=$W/ui100k.ini
	[ -f "$db" ] || "$top/$build/bench/bench_ui" "$db" "$cfg" 100000
	# the interface without a terminal: curses writes to /dev/null at a
	# fixed size, and the hooks quit after the first screen or a key script
	ui_env="TERM=xterm-256color LINES=40 COLUMNS=120"
	echo "== ui: 100k articles, 120x40; median of $RUNS"
	set -- $(env $ui_env SITREP_UI_EXIT_AFTER_DRAW=1 \
		SITREP_UI_REPORT="$W/ui_first.txt" \
		python3 "$B/measure.py" --runs "$RUNS" --stdin /dev/null -- \
		"$bin" --config "$cfg" --cache "$db")
	open_s=$1 open_rss=$3
	inner=$(sed -n 's/^first_screen_ms //p' "$W/ui_first.txt")
	keys='G k*100 g j*200 PgDn*30 PgUp*30 C-d*10 n*20 Enter Space*10 Tab j*50 Tab / s a n c t i o n s Enter Esc f u n r e a d Enter G Esc v v v z z'
	env $ui_env SITREP_UI_KEYS="$keys" SITREP_UI_REPORT="$W/ui_keys.txt" \
		"$bin" --config "$cfg" --cache "$db" </dev/null >/dev/null
	nkeys=$(sed -n 's/^keys //p' "$W/ui_keys.txt")
	slow=$(sed -n 's/^slowest_key_ms //p' "$W/ui_keys.txt")
	slowk=$(sed -n 's/^slowest_key //p' "$W/ui_keys.txt")
	idle=$(sed -n 's/^slowest_idle_step_ms //p' "$W/ui_keys.txt")
	printf '%-44s %10s %10s\n' "workload" "result" "goal"
	printf '%-44s %8s s %10s\n' "open to the first full screen and quit" "$open_s" "<= 0.050"
	printf '%-44s %7s ms %10s\n' "  of which inside sitrep (to the screen)" "$inner" ""
	printf '%-44s %7s MB %10s\n' "peak RSS" "$((open_rss / 1024))" "<= 20"
	printf '%-44s %7s ms %10s\n' "slowest of $nkeys keys ($slowk)" "$slow" "<= 5"
	printf '%-44s %7s ms %10s\n' "slowest step while keys pause" "$idle" "-"
}

sec_cache() {
	db=$W/cache100k.db
	[ -f "$db" ] || echo "generating a 100k-article cache (kept in $db)"
	echo "== cache: 100k articles, best of $RUNS"
	"$top/$build/bench/bench_cache" "$db" "$top/config.example.ini" 100000 \
		"$RUNS" | tee "$W/cache.txt"
	echo "goals: each query and count <= 20 ms; reclassify <= 10 s"
}

for s in $sections; do
	case $s in
	ingest) sec_ingest ;;
	refresh) sec_refresh ;;
	ui) sec_ui ;;
	cache) sec_cache ;;
	*) echo "unknown benchmark section '$s' (ingest, refresh, ui, cache)" >&2; exit 2 ;;
	esac
	echo
done
