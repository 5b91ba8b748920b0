#!/bin/sh
# Issue 11, "the first hour", in tmux on the sample feeds plus one odd
# feed: search messages with the real count (and a search that names
# fields, and words without letters), q stepping back, marks that stay,
# C-s and C-q as keys (flow control off, restored on quit, suspend and a
# crash), undated and slightly future articles, the message log, 80x24
# with text in the reader, A naming its filter, f with the old filter
# selected, Tab completing values, and undo.
. "$SITREP_TOP/tests/lib.sh"
. "$SITREP_TOP/tests/ui_lib.sh"

expand_feeds "$SITREP_TOP/demo" "$T/feeds"
long_url="https://odd.example/$(printf 'a-very-long-path-segment/%.0s' 1 2 3 4 5 6)article"
python3 - "$T/feeds/odd.xml" "$long_url" <<'PY'
import sys, time
from email.utils import formatdate
path, long_url = sys.argv[1:]
links = "".join('<a href="https://odd.example/link/%d">link %d</a> ' % (i, i)
                for i in range(1, 13))
items = [
    # no date at all: "undated", never "now"
    ("Undated statement from the odd desk", "odd-1", None,
     "<p>Undated body.</p>"),
    # five minutes ahead of this clock: shown as now
    ("Ahead of the clock by five minutes", "odd-2", time.time() + 300,
     "<p>Ahead body.</p>"),
    ("Twelve links to follow", "odd-3", time.time() - 7200,
     "<p>The body text starts here. %s</p>" % links),
]
out = ['<?xml version="1.0"?><rss version="2.0"><channel><title>Odd Desk'
       '</title><link>https://odd.example/</link>']
for title, guid, when, body in items:
    url = long_url if guid == "odd-3" else "https://odd.example/" + guid
    out.append("<item><title>%s</title><link>%s</link><guid>%s</guid>%s"
               "<description><![CDATA[%s]]></description></item>" % (
                   title, url, guid, "" if when is None else
                   "<pubDate>%s</pubDate>" % formatdate(when, usegmt=True),
                   body))
out.append("</channel></rss>")
open(path, "w").write("\n".join(out))
PY
{
	sed -e "s|@DEMO@|$T/feeds|" "$SITREP_TOP/demo/config.ini"
	printf '\n[feed:odd]\nurl = file://%s/odd.xml\ntitle = Odd Desk\n' "$T/feeds"
	printf '\n[keys]\nsearch = /, C-s\nquit = Q, C-q\n'
} >"$T/config.ini"
sitrep refresh --quiet 2>"$T/refresh.err" || fail "refresh: $(cat "$T/refresh.err")"
UI="$SITREP_BIN --config $T/config.ini --cache $T/cache.db"
count() { sitrep list "$@" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
unread() { count unread; }

note "words without letters match nothing (sitrep list too)"
expect_eq "list '" "$(count "'")" 0
expect_eq "list %" "$(count "%")" 0
expect_eq "list an emoji" "$(count "$(printf '\360\237\224\245')")" 0
expect_eq "list — japan" "$(count "$(printf '\342\200\224') japan")" "$(count japan)"

note "undated: published is null in JSON; sorted by first seen"
sitrep list --json >"$T/l.json"
expect_eq "undated published" "$(pyjson '[a["published"] for a in j if a["title"].startswith("Undated")][0]' "$T/l.json")" None

ui_shell 120 40
ui_run "$UI"
wait_for "All | 1/34"

note "the search's message counts the list, not the view (item 2)"
keys /
wait_for "search:"
keys "sanctions" Enter
wait_for "2 articles match sanctions"
expect_screen "search: sanctions | 1/2" "the list holds the two"
keys / C-u "xyzzy" Enter
wait_for "no article matches xyzzy"
keys / C-u "country:JP" Enter
wait_for "8 articles match country:JP"
expect_screen "Japan and China hold" "country:JP ran as a query"
keys / C-u "'" Enter
wait_for "no article matches '"
expect_screen "| 0 | 0 unread" "a quote matches nothing"
keys Escape
wait_for "All | 1/34"

note "the highlight: the search's word in search-match (default: 16 on 179)"
keys / C-u "sanctions" Enter
wait_for "2 articles match sanctions"
tm capture-pane -p -e -t ui | python3 -c '
import re, sys
sys.exit(0 if re.search(r"48;5;179m[Ss]anctions", sys.stdin.read()) else 1)' ||
	fail "sanctions not highlighted: $(tm capture-pane -p -e -t ui | grep -a sanctions | head -2)"
keys Escape
wait_for "All | 1/34"

note "undated and ahead of the clock (items 10, 11)"
screen_line "Undated statement" | grep -q "undated" || fail "no 'undated': $(screen_line 'Undated statement')"
screen_line "Ahead of the clock" | grep -q " now " || fail "future not 'now': $(screen_line 'Ahead of the clock')"
expect_not_screen "Dec " "no month for a date minutes ahead"
keys f "feed:odd" Enter
wait_for "filter: feed:odd | 1/3"
# ahead of the clock sorts as now, never above what came before it: the
# undated one and it were both first seen at the refresh, so the feed's
# own order shows (undated first); then the one of two hours ago
keys Enter
wait_for "Undated body"
wait_for "Date      undated, first seen"
keys j Enter
wait_for "Ahead body"
wait_for "min ahead of this clock (listed as now)"

note "f opens with the filter selected: typing replaces it (item 15)"
keys f
wait_for "filter: feed:odd"
keys "unread" Enter
wait_for "| filter: unread |"
expect_not_screen "feed:oddunread" "typing replaced the old filter"
keys f End " feed:odd" Enter
wait_for "| filter: unread feed:odd |"

note "A names the view and the filter"
keys A
wait_for "in 'All' with filter unread feed:odd read? (y/n)"
keys n
wait_for "nothing marked"

note "Tab completes region: and country: values and lists them"
keys f C-u "region:east" Tab
wait_for "matches: region:east-africa"
keys C-u "region:east-as" Tab
wait_for "filter: region:east-asia"
keys C-u "country:J" Tab
wait_for "filter: country:JP"
keys Escape Escape
wait_for "All | 1/34"

note "q steps back: the reader closes, then quits at the top (item 3)"
keys g Enter
wait_for "Source    Odd Desk"
keys q
wait_for "Enter opens the selected article"
expect_screen "All | 1/34" "q closed the reader, sitrep runs"

note "marks stay after a bulk action; the next key acts on them (item 4)"
keys m m
wait_for "2 marked"
keys s
wait_for "2 articles starred"
expect_screen "2 marked" "marks after s"
before=$(unread)
# both were opened, so read: r makes both unread
keys r
wait_for "2 articles unread"
expect_screen "2 marked" "marks after r"
expect_eq "two starred" "$(count starred)" 2

note "q with marks asks; u undoes, several steps"
keys q
wait_for "Quit and lose 2 marked rows? (y/n)"
keys n
wait_for "not quitting"
keys u
wait_for "undone: 2 articles unread"
keys u
wait_for "undone: 2 articles starred"
expect_eq "stars undone" "$(count starred)" 0
expect_eq "read undone" "$(unread)" "$before"
keys Escape
wait_for "marks cleared"
keys d
wait_for "dismissed"
wait_for "/33 |"
keys u
wait_for "undone: dismissed"
wait_for "/34 |"
keys t "undo-me" Enter
wait_for "tagged undo-me on 1 article"
expect_eq "tagged" "$(count tag:undo-me)" 1
keys u
wait_for "undone: tagged undo-me"
expect_eq "tag undone" "$(count tag:undo-me)" 0
was=$(unread)
keys A
wait_for "read? (y/n)"
keys y
wait_for "articles marked read"
wait_for "| 0 unread"
keys u
wait_for "undone:"
wait_for "| $was unread"
expect_eq "mark-all-read undone" "$(unread)" "$was"
keys u
wait_for "nothing to undo"

note "the message log keeps what the line showed (item 13)"
keys M
wait_for "Messages, newest first"
expect_screen "nothing to undo" "the last message"
expect_screen "2 articles starred" "an older one"
keys q
wait_gone "Messages, newest first"

note "links beyond 9: L, a number, y copies it"
keys f "feed:odd" Enter
wait_for "filter: feed:odd | 1/3"
keys G Enter
wait_for "The body text starts here"
keys L
wait_for "12 links"
keys 1 2 y
wait_for "copied https://odd.example/link/12"
keys q Escape
wait_gone "12 links"

note "C-s and C-q arrive (flow control off), restored after (item 7)"
keys q
wait_for "Enter opens the selected article"
ui_quit_and_check q
# the terminal's flow control as stty says it: flow:ixon or flow:-ixon
stty_ixon() {
	ui_clear
	tm send-keys -t ui "stty -a | tr ' ' '\\n' | grep -x -- '-*ixon' | sed 's/^/flow:/'" Enter
	deadline=$(( $(date +%s) + UI_WAIT ))
	until screen | grep -q '^flow:'; do
		[ "$(date +%s)" -gt "$deadline" ] && fail "stty said nothing: $(screen)"
		sleep 0.05
	done
	screen | grep '^flow:' | tail -n 1
}
[ "$(stty_ixon)" = "flow:ixon" ] || fail "the shell has no ixon to begin with: $(screen)"
ui_run "$UI"
wait_for "All | 1/34"
keys C-s
wait_for "search:"
keys Escape
wait_gone "search:"
keys C-z
wait_for "Stopped"
[ "$(stty_ixon)" = "flow:ixon" ] || fail "suspended: flow control not restored"
ui_clear
tm send-keys -t ui "fg" Enter
wait_for "All | 1/34"
keys C-s
wait_for "search:"
keys Escape
keys C-q
ui_quit_and_check C-q no-alternate-screen-check
[ "$(stty_ixon)" = "flow:ixon" ] || fail "after C-q: flow control not restored"
ui_clear
tm send-keys -t ui "ulimit -c 0" Enter
# the shell says "Aborted" on the way: not into ui.stderr
tm send-keys -t ui "$UI 2>>$T/crash.stderr" Enter
wait_for "All | 1/34"
pid=$(pgrep -n -f "$SITREP_BIN --config $T/config.ini" || true)
[ -n "$pid" ] || fail "no sitrep process"
kill -s ABRT "$pid"
deadline=$(( $(date +%s) + UI_WAIT ))
while [ "$(tm display -p -t ui '#{alternate_on}')" != 0 ]; do
	[ "$(date +%s)" -gt "$deadline" ] && fail "SIGABRT: screen not restored"
	sleep 0.05
done
[ "$(stty_ixon)" = "flow:ixon" ] || fail "after a crash: flow control not restored"
! grep -q "Sanitizer\|runtime error" "$T/crash.stderr" || fail "$(cat "$T/crash.stderr")"

note "80x24: no sidebar, the reader shows text, the URL on one line (item 14)"
ui_shell 80 24
ui_run "$UI"
wait_for "All | 1/34"
expect_not_screen "Views" "no sidebar at 80 columns"
keys f "feed:odd" Enter
wait_for "filter: feed:odd | 1/3"
keys G Enter
wait_for "The body text starts here"
screen_line "URL       https://odd.example/" | grep -q '…$' || fail "URL not cut: $(screen)"
[ "$(screen | grep -c 'a-very-long-path-segment')" = 1 ] || fail "URL on more than one line: $(screen)"
keys h
wait_for "Views"
ui_quit_and_check Q
ui_check_stderr
echo ok
