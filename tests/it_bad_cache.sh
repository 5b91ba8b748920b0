#!/bin/sh
# Bad caches through the command line (issue 12, defect 7 and the fault
# list): damaged in the middle, truncated, random bytes, another program's
# database, a newer sitrep's, a directory, read-only file and folder, a
# full disk.  Each gets its exact message and exit status, and no command
# changes a file it refuses.  A cache with 20 pages overwritten in the
# middle: tag, mark, refresh and reclassify exit 2 and leave it byte for
# byte; `sitrep check` says it is damaged and where; `sitrep check
# --repair` saves most articles and every tag of every article it saves.
. "$SITREP_TOP/tests/lib.sh"

RO=
cleanup() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$T" ${RO:+"$RO"}
}

python3 "$SITREP_TOP/tests/bench/gen_feeds.py" feeds --out "$T/feeds" --feeds 5 \
	--items 400 >/dev/null
for i in 0 1 2 3 4; do
	printf '[feed:f%d]\nurl = file://%s/feeds/feed-00%d.xml\n\n' $i "$T" $i
done >"$T/config.ini"
hostile=0

# on CACHE COMMAND...: sitrep on another cache file; stderr in $T/err.
on() {
	c=$1
	shift
	set +e
	"$SITREP_BIN" --config "$T/config.ini" --cache "$c" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	hostile=$((hostile + 1))
}

sum() { cksum <"$1"; }

DAMAGE_TAIL='; sitrep writes nothing more to it: `sitrep check` says what is damaged and `sitrep check --repair` copies what can still be read into a new cache (or move it aside and sitrep starts a new one)'
MOVE_TAIL='; sitrep will not touch it: move it aside (sitrep then starts a new cache there) or choose another file with --cache'

note "a sound cache: 2,000 articles, 100 of them tagged, a third read"
sitrep refresh --quiet 2>"$T/err" || fail "refresh: $(cat "$T/err")"
sitrep tag $(seq 1 20 2000) +brief >/dev/null || fail "tag"
sitrep tag $(seq 1 40 2000) +todo >/dev/null || fail "tag"
sitrep mark $(seq 2 3 2000) read >/dev/null || fail "mark"
sitrep mark $(seq 5 50 2000) star >/dev/null || fail "mark"
on "$T/cache.db" check
expect_eq "check of a sound cache" "$rc" 0
expect_eq "verdict" "$(head -1 "$T/out")" "$T/cache.db: sound"
cp "$T/cache.db" "$T/good.db"

note "20 pages overwritten in the middle"
cp "$T/good.db" "$T/mid.db"
python3 - "$T/mid.db" <<'PY'
import random, sys
path = sys.argv[1]
size = open(path, "rb").seek(0, 2)
pages = size // 4096
r = random.Random(20)
with open(path, "r+b") as f:
    f.seek((pages // 2) * 4096)
    f.write(bytes(r.getrandbits(8) for _ in range(20 * 4096)))
PY
before=$(sum "$T/mid.db")
for cmd in "tag 7 +new" "mark 9 read" "refresh --force" "reclassify"; do
	on "$T/mid.db" $cmd
	expect_eq "$cmd on a damaged cache: exit status" "$rc" 2
	expect_contains "$cmd: the message" "$T/err" \
		"sitrep: $T/mid.db: the cache is damaged (quick_check found "
	expect_contains "$cmd: what to do" "$T/err" "$DAMAGE_TAIL"
	expect_eq "$cmd: lines of message" "$(wc -l <"$T/err")" 1
	expect_eq "$cmd left the file as it was" "$(sum "$T/mid.db")" "$before"
done
[ ! -e "$T/mid.db-wal" ] || [ ! -s "$T/mid.db-wal" ] || fail "a log with writes was left beside the damaged cache"

note "sitrep check says it is damaged, and where"
on "$T/mid.db" check
expect_eq "check exit status" "$rc" 1
expect_eq "verdict" "$(head -1 "$T/out")" "$T/mid.db: damaged"
expect_contains "findings" "$T/out" "in SQLite's words"
expect_contains "where" "$T/out" "the damage is in: "
expect_contains "what to do" "$T/out" "\`sitrep check --repair\` copies what can still be read"
expect_eq "check left the file as it was" "$(sum "$T/mid.db")" "$before"
[ ! -e "$T/mid.db-shm" ] || fail "check left a -shm beside the file"

note "sitrep check --repair saves most articles and every tag it can read"
on "$T/mid.db" check --repair
expect_eq "repair exit status" "$rc" 0
expect_contains "where the new cache is" "$T/out" "copied what could be read of $T/mid.db into $T/mid.db.recovered:"
expect_contains "how to use it" "$T/out" "mv $T/mid.db $T/mid.db.damaged && mv $T/mid.db.recovered $T/mid.db"
expect_eq "repair left the file as it was" "$(sum "$T/mid.db")" "$before"
saved=$(sed -n 's/^  \([0-9]*\) of \([0-9]*\) articles.*/\1/p' "$T/out")
total=$(sed -n 's/^  \([0-9]*\) of \([0-9]*\) articles.*/\2/p' "$T/out")
expect_eq "articles the damaged file listed" "$total" 2000
[ "$saved" -ge 1800 ] || fail "only $saved of 2000 articles saved: $(cat "$T/out")"
note "saved $saved of $total articles"
python3 - "$T/good.db" "$T/mid.db.recovered" <<'PY' || fail "tags or flags lost"
import sqlite3, sys
def state(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    rows = db.execute("SELECT guid, read, starred, (SELECT group_concat(name)"
        " FROM (SELECT t.name FROM item_tags x JOIN tags t ON t.id = x.tag_id"
        " WHERE x.item_id = items.id ORDER BY t.name)) FROM items").fetchall()
    return {g: (r, s, t) for g, r, s, t in rows}
good, new = state(sys.argv[1]), state(sys.argv[2])
bad = [g for g in new if new[g] != good.get(g)]
if bad:
    sys.exit("changed: %s" % bad[:5])
if sum(1 for g in new if new[g][2]) < 90:
    sys.exit("fewer than 90 of the 100 tagged articles saved")
PY
on "$T/mid.db.recovered" check
expect_eq "the new cache is sound" "$rc" 0
on "$T/mid.db.recovered" list --count
expect_eq "the new cache lists" "$(cut -d' ' -f1 "$T/out")" "$saved"
on "$T/good.db" list talks --count
found_before=$(cut -d' ' -f1 "$T/out")
on "$T/mid.db.recovered" list talks --count
found=$(cut -d' ' -f1 "$T/out")
[ "$found" -ge $((found_before * 9 / 10)) ] && [ "$found" -le "$found_before" ] ||
	fail "full-text search of the new cache: $found, was $found_before"
on "$T/mid.db.recovered" tag 1 +after
expect_eq "the new cache takes writes" "$rc" 0
on "$T/mid.db" check --repair
expect_eq "a second repair" "$rc" 0
expect_contains "goes beside the first" "$T/out" "into $T/mid.db.recovered-2:"
on "$T/mid.db" check --repair --output "$T/good.db"
expect_eq "repair over an existing file: exit status" "$rc" 2
expect_eq "repair over an existing file" "$(cat "$T/err")" \
	"sitrep check: $T/good.db: already exists; sitrep writes the repaired cache only to a new file"

note "a truncated cache"
head -c 3000000 "$T/good.db" >"$T/trunc.db"
before=$(sum "$T/trunc.db")
for cmd in "list --count" "tag 7 +new"; do
	on "$T/trunc.db" $cmd
	expect_eq "$cmd on a truncated cache: exit status" "$rc" 2
	expect_eq "$cmd on a truncated cache" "$(cat "$T/err")" \
		"sitrep: $T/trunc.db: the cache is damaged (reading the cache: database disk image is malformed)$DAMAGE_TAIL"
done
on "$T/trunc.db" check
expect_eq "check of a truncated cache" "$rc" 1
expect_eq "verdict" "$(head -1 "$T/out")" "$T/trunc.db: damaged"
expect_eq "nothing changed" "$(sum "$T/trunc.db")" "$before"

note "random bytes, another program's database, a newer sitrep's cache"
head -c 300000 /dev/urandom >"$T/random.db"
python3 -c 'import sqlite3, sys
d = sqlite3.connect(sys.argv[1]); d.execute("CREATE TABLE notes (body)"); d.commit()' "$T/foreign.db"
cp "$T/good.db" "$T/newer.db"
python3 -c 'import sqlite3, sys
d = sqlite3.connect(sys.argv[1]); d.execute("PRAGMA user_version = 99"); d.commit()' "$T/newer.db"
# the schema this build writes, as the sound cache it made has it
known=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$T/good.db")
for f in random foreign newer; do
	case $f in
	random) want="sitrep: $T/random.db: file is not a database (not a sitrep cache)$MOVE_TAIL" ;;
	foreign) want="sitrep: $T/foreign.db: an SQLite database of another program, not a sitrep cache$MOVE_TAIL" ;;
	newer) want="sitrep: $T/newer.db: the cache was written by a newer sitrep (schema 99, this build knows $known); use that sitrep, or move the file aside to start a new cache" ;;
	esac
	before=$(sum "$T/$f.db")
	for cmd in "list --count" "tag 7 +new" "refresh" "check"; do
		on "$T/$f.db" $cmd
		if [ "$cmd" = check ]; then
			expect_eq "check of $f: exit status" "$rc" 1
		else
			expect_eq "$cmd on $f: exit status" "$rc" 2
		fi
		expect_eq "$cmd on $f" "$(cat "$T/err")" "$want"
	done
	expect_eq "$f left as it was" "$(sum "$T/$f.db")" "$before"
	[ ! -e "$T/$f.db-wal" ] && [ ! -e "$T/$f.db-shm" ] || fail "$f: -wal or -shm made beside it"
done

note "a directory where the cache should be"
mkdir "$T/dir.db"
on "$T/dir.db" tag 7 +new
expect_eq "exit status" "$rc" 2
expect_eq "a directory" "$(cat "$T/err")" "sitrep: $T/dir.db: not a regular file$MOVE_TAIL"

note "a full disk"
cp "$T/good.db" "$T/full.db"
before=$(sum "$T/full.db")
set +e
(
	trap '' XFSZ
	# 512-byte blocks: the log cannot even start
	ulimit -f 2
	exec "$SITREP_BIN" --config "$T/config.ini" --cache "$T/full.db" tag 7 +new
) 2>"$T/err"
rc=$?
set -e
hostile=$((hostile + 1))
expect_eq "tag on a full disk: exit status" "$rc" 2
expect_eq "tag on a full disk" "$(cat "$T/err")" \
	"sitrep: $T/full.db: reading the cache: disk I/O error; the disk is full (or the file reached the system's size limit)"
expect_eq "the full disk's cache unchanged" "$(sum "$T/full.db")" "$before"
on "$T/full.db" list tag:new --count
expect_eq "no tag half written" "$(cat "$T/out")" "0 articles, 0 unread"

note "a read-only cache file and a read-only folder"
# As root, permissions bind nobody: the reader runs as the user nobody.
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null 2>&1 || { echo "summary: hostile inputs $hostile"; echo "skip: read-only cases need setpriv as root"; exit 0; }
	as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	as_reader() { "$@"; }
fi
RO=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-ro.XXXXXX")
chmod 755 "$RO"
mkdir "$RO/file" "$RO/folder"
cp "$T/config.ini" "$T/good.db" "$RO/"
cp "$T/good.db" "$RO/file/cache.db"
cp "$T/good.db" "$RO/folder/cache.db"
chmod 644 "$RO/config.ini" "$RO/good.db"
chmod 777 "$RO/file"
chmod 444 "$RO/file/cache.db"
chmod 666 "$RO/folder/cache.db"
chmod 755 "$RO/folder"
[ "$(id -u)" -eq 0 ] || chmod 555 "$RO/folder"
ro() { # DIR COMMAND...
	d=$1
	shift
	set +e
	HOME=$RO as_reader "$SITREP_BIN" --config "$RO/config.ini" --cache "$RO/$d/cache.db" \
		"$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	hostile=$((hostile + 1))
}
for d in file folder; do
	before=$(sum "$RO/$d/cache.db")
	ro $d list --count
	expect_eq "list of a read-only $d: exit status" "$rc" 0
	expect_eq "list of a read-only $d" "$(cat "$T/out")" "2000 articles, 1333 unread"
	ro $d check
	expect_eq "check of a read-only $d" "$rc" 0
	for cmd in "tag 7 +new" "mark 7 read" "refresh"; do
		ro $d $cmd
		expect_eq "$cmd on a read-only $d: exit status" "$rc" 2
		if [ $d = file ]; then
			want="sitrep: $RO/file/cache.db: the cache file is not writable; fix its permissions or use --cache FILE"
		else
			want="sitrep: $RO/folder/cache.db: the cache's folder is not writable, and SQLite keeps the cache's log (-wal, -shm) beside it; fix the folder's permissions or use --cache FILE"
		fi
		expect_eq "$cmd on a read-only $d" "$(cat "$T/err")" "$want"
	done
	expect_eq "the read-only $d's cache unchanged" "$(sum "$RO/$d/cache.db")" "$before"
done
echo "summary: hostile inputs $hostile"
