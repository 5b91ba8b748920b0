#!/bin/sh
# The interface on a cache whose article pages are damaged (issue 12,
# defect 7): the write that meets the damage (a star) is rolled back and
# says so on the status line, naming the file; every later write is
# refused with the same words, the interface keeps running, and the file is
# left byte for byte as it was.
. "$SITREP_TOP/tests/lib.sh"
. "$SITREP_TOP/tests/ui_lib.sh"

# Six articles whose text takes several overflow pages each.
python3 - "$T/long.xml" <<'PY'
import sys, time
from email.utils import formatdate
now = time.time()
items = []
for i in range(6):
    body = " ".join("Paragraph %d of dispatch %d on the ceasefire talks." % (k, i)
                    for k in range(300))
    items.append("<item><title>Dispatch %d</title><link>http://example.org/%d</link>"
                 "<guid>d%d</guid><pubDate>%s</pubDate><description>%s</description></item>"
                 % (i, i, i, formatdate(now - i * 600, usegmt=True), body))
open(sys.argv[1], "w").write('<?xml version="1.0"?><rss version="2.0"><channel>'
                             "<title>Long</title>%s</channel></rss>" % "".join(items))
PY
cat >"$T/config.ini" <<INI
[ui]
auto_refresh = no

[feed:long]
url = file://$T/long.xml
INI
sitrep refresh --quiet 2>"$T/err" || fail "refresh: $(cat "$T/err")"
# The first overflow page of every article: the list reads none of them,
# a change of an article's state rewrites its row and must read them.
python3 - "$T/cache.db" <<'PY'
import sqlite3, sys
path = sys.argv[1]
db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
pages = [r[0] for r in db.execute("SELECT pageno FROM dbstat WHERE name = 'items'"
                                  " AND pagetype = 'overflow' AND path LIKE '%+000000'")]
db.close()
assert len(pages) == 6, pages
with open(path, "r+b") as f:
    for p in pages:
        f.seek((p - 1) * 4096)
        f.write(b"\xa5" * 4096)
PY
rm -f "$T/cache.db-wal" "$T/cache.db-shm"
before=$(cksum <"$T/cache.db")

ui_shell 120 30
ui_run "$SITREP_BIN --config $T/config.ini --cache $T/cache.db"
wait_for "Dispatch 0"
keys s
wait_for "the cache is damaged"
expect_screen "$T/cache.db" "the message names the file"
keys j s
wait_for "Dispatch 1"
expect_screen "the cache is damaged" "a later write is refused"
expect_not_screen "starred" "no write reported done"
keys j
wait_for "Dispatch"
ui_quit_and_check
ui_check_stderr
expect_eq "the damaged cache is unchanged" "$(cksum <"$T/cache.db")" "$before"
expect_eq "nothing starred" "$(sitrep list starred --count)" "0 articles, 0 unread"
echo "summary: hostile inputs 2"
