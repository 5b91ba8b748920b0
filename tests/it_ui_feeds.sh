#!/bin/sh
# Issue 11, the sidebar and the feeds, in tmux: sparklines at the default
# sidebar_width = 28 on a cache with four-digit counts (compact numbers),
# a failing feed's view (its error, next try, C-r retrying it), "N feeds
# failing" and the message log, a disabled feed, feeds sorted by title
# with equal titles told apart, a first start without network said once,
# and the mouse (click, double click, wheel).
. "$SITREP_TOP/tests/lib.sh"
. "$SITREP_TOP/tests/ui_lib.sh"

# One big feed: 1500 articles on Japan over the last ten days.
mkdir -p "$T/feeds"
python3 - "$T/feeds" <<'PY'
import sys, time
from email.utils import formatdate
d = sys.argv[1]
now = time.time()
def rss(path, title, items):
    out = ['<?xml version="1.0"?><rss version="2.0"><channel><title>%s'
           '</title><link>https://x.example/</link>' % title]
    for t, guid, when in items:
        out.append("<item><title>%s</title><link>https://x.example/%s</link>"
                   "<guid>%s</guid><pubDate>%s</pubDate><description>"
                   "&lt;p&gt;%s&lt;/p&gt;</description></item>" % (
                       t, guid, guid, formatdate(when, usegmt=True), t))
    out.append("</channel></rss>")
    open(path, "w").write("\n".join(out))
rss(d + "/big.xml", "Big Wire", [
    ("Japan weighs new sanctions, report %d" % i, "big-%d" % i,
     now - 600 - i * 570) for i in range(1500)])
rss(d + "/dup-a.xml", "Same Desk", [("Alpha desk note", "a-1", now - 900)])
rss(d + "/dup-b.xml", "Same Desk", [("Beta desk note", "b-1", now - 950)])
PY
cat >"$T/config.ini" <<INI
[general]
refresh_minutes = 1440
keep_days = 0

[ui]
auto_refresh = no

[topic:sanctions]
label = Sanctions
keywords = sanctions

[feed:big]
url = file://$T/feeds/big.xml
title = Big Wire

[feed:zz-dup]
url = file://$T/feeds/dup-a.xml
tags = desk

[feed:aa-dup]
url = file://$T/feeds/dup-b.xml
tags = desk

[feed:broken]
url = file://$T/feeds/missing.xml
title = Broken Wire

[feed:off]
url = file://$T/feeds/dup-a.xml
title = Switched Off
enabled = no
INI
sitrep refresh --quiet 2>/dev/null && fail "the refresh of a missing file succeeded"
UI="$SITREP_BIN --config $T/config.ini --cache $T/cache.db"

ui_shell 120 40
ui_run "$UI"
wait_for "All | 1/1502"

note "sparklines at sidebar_width = 28 with four-digit counts (item 5)"
line=$(screen_line "JP Japan")
echo "$line" | grep -q "1.5k" || fail "no compact count: $line"
echo "$line" | grep -q "[▁▂▃▄▅▆▇█]" || fail "no sparkline: $line"
line=$(screen_line "Sanctions")
echo "$line" | grep -q "[▁▂▃▄▅▆▇█]" || fail "no sparkline for the topic: $line"
expect_screen "1502/1502" "the views keep their full counts"

note "feed tags: in the Tags sidebar and as a filter (item 1)"
screen | grep -q "^ *desk .*2/2" || fail "no feed tag in the Tags sidebar: $(screen)"
keys f "tag:desk" Enter
wait_for "filter: tag:desk | 1/2"
keys q
wait_for "All | 1/1502"

note "feeds by title; equal titles with their key (item 15)"
at=0
for name in "Big Wire" "Broken Wire" "Same Desk (aa-dup)" "Same Desk (zz-dup)" \
	"Switched Off"; do
	n=$(screen | grep -n -F -- "$name" | head -n 1 | cut -d: -f1)
	[ -n "$n" ] && [ "$n" -gt "$at" ] || fail "'$name' not in title order: $(screen)"
	at=$n
done
screen | grep -q "^! *Broken Wire" || fail "the failing feed is not marked: $(screen)"
expect_screen "1 feed failing" "the status bar counts failing feeds (item 13)"

note "a disabled feed says so (item 15)"
keys h G
press_until k "feed off is disabled"

note "a failing feed's view: its error, next try, C-r (item 9)"
press_until k "feed broken failing"
expect_screen "(C-r retries now)" "the key that retries"
keys Enter
wait_for "Feed broken failed: cannot read"
expect_screen "C-r retries it now" "the view's advice"
expect_not_screen "R fetches the feeds" "no wrong advice"
keys C-r
wait_for "refresh: 1 feed, 1 failed (broken: cannot read"

note "the message log has the failure in full (item 13)"
keys M
wait_for "Messages, newest first"
expect_screen "refresh: broken: cannot read $T/feeds/missing.xml" "the failure"
keys Escape
wait_gone "Messages, newest first"

note "the mouse: click selects, double click opens, the wheel scrolls"
# X10 mouse reports (tmux-256color's kmous): ESC [ M, then button, column
# and row, each plus 32 (columns and rows from 1); one report at a time
mouse() { # BUTTON X Y (0-based cells)
	tm send-keys -t ui -H 1b 5b 4d $(printf '%x %x %x' $((32 + $1)) $((33 + $2)) $((33 + $3)))
	sleep 0.05
}
click() { mouse 0 "$1" "$2"; mouse 3 "$1" "$2"; }
# the sidebar from its top: Views on line 0, All 1, Unread 2, Starred 3
keys h g l
click 3 3
click 3 3
wait_for "Starred | 0"
click 3 1
click 3 1
wait_for "All | 1/1502"
click 60 4
wait_for "All | 5/1502"
click 60 6
click 60 6
# line 6: report 0, the two desk notes, then reports 1 to 4
wait_for "All | 7/1502"
wait_for "Source    Big Wire"
expect_screen "Japan weighs new sanctions, report 4" "the article double-clicked"
mouse 65 60 3
wait_for "All | 10/1502"
mouse 64 60 3
wait_for "All | 7/1502"
ui_quit_and_check Q

note "mouse = no: sitrep never asks the terminal for mouse reports"
# tmux knows whether the program in the pane turned mouse tracking on
mouse_flag() {
	tm display -p -t ui '#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}'
}
ui_clear
ui_run "$UI"
wait_for "All | 1/1502"
[ "$(mouse_flag)" != 000 ] || fail "no mouse tracking with the default mouse = yes"
ui_quit_and_check Q
sed 's/^\[ui\]$/[ui]\nmouse = no/' "$T/config.ini" >"$T/nomouse.ini"
grep -q '^mouse = no$' "$T/nomouse.ini" || fail "nomouse.ini not written"
ui_clear
ui_run "$SITREP_BIN --config $T/nomouse.ini --cache $T/cache.db"
wait_for "All | 1/1502"
expect_eq "mouse tracking with mouse = no" "$(mouse_flag)" "000"
ui_quit_and_check Q

note "a first start without network says so once (item 15)"
cat >"$T/nonet.ini" <<INI
[general]
connect_timeout = 3
[ui]
auto_refresh = yes
[feed:one]
url = http://127.0.0.1:1/one.xml
[feed:two]
url = http://127.0.0.1:1/two.xml
[feed:three]
url = http://127.0.0.1:1/three.xml
INI
ui_clear
ui_run "$SITREP_BIN --config $T/nonet.ini --cache $T/nonet.db"
wait_for "no network: 3 feeds could not be reached"
expect_screen "no network" "the status bar"
expect_not_screen "feeds failing" "not three failures"
screen | grep -q "^!" && fail "a ! on each feed: $(screen)"
keys M
wait_for "refresh: two: could not connect"
keys q
ui_quit_and_check Q
ui_check_stderr
echo ok
