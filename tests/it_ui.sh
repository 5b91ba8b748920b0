#!/bin/sh
# The interface end to end, in tmux at 120x40 and 80x24, on the sample
# feeds (file:// URLs): the three panes, moving, opening, starring,
# tagging (checked with `sitrep list --json`), search, filter (and its
# errors), help, layouts, zoom, resizing down to 1x1, bulk marks, dismiss,
# mark-all-read, the sidebar, and quitting back to an intact terminal.
. "$SITREP_TOP/tests/lib.sh"
. "$SITREP_TOP/tests/ui_lib.sh"

expand_feeds "$SITREP_TOP/demo" "$T/feeds"
sed -e "s|@DEMO@|$T/feeds|" -e 's|^auto_refresh = no|auto_refresh = no|' \
	"$SITREP_TOP/demo/config.ini" >"$T/config.ini"
sitrep refresh --quiet 2>"$T/refresh.err" || fail "refresh: $(cat "$T/refresh.err")"
sitrep list --json >"$T/all.json"
total=$(pyjson 'len(j)' "$T/all.json")
expect_eq "articles in the cache" "$total" 31
UI="$SITREP_BIN --config $T/config.ini --cache $T/cache.db"

# id of the article whose title starts with $1
article_id() {
	sitrep list --json >"$T/l.json"
	pyjson "[a['id'] for a in j if a['title'].startswith('$1')][0]" "$T/l.json"
}
field_of() { # TITLE-PREFIX FIELD
	sitrep list --json >"$T/l.json"
	pyjson "[a['$2'] for a in j if a['title'].startswith('$1')][0]" "$T/l.json"
}

note "120x40: three panes at start, the list focused on the newest"
ui_shell 120 40
ui_run "$UI"
wait_for "All | 1/31 | 31 unread"
expect_screen "Views" "sidebar"
expect_screen "Countries" "sidebar countries"
expect_screen "Japan and China hold emergency maritime talks" "newest first"
expect_screen "Украина и Польша договорились" "Cyrillic title"
expect_screen "名古屋港のコンテナターミナル" "Japanese title"
expect_screen "Enter opens the selected article" "reader hint"
expect_screen "25m" "relative date"

note "moving: j, k, G, g"
keys j j
wait_for "All | 3/31"
keys k
wait_for "All | 2/31"
keys G
wait_for "All | 31/31"
expect_screen "Kazakhstan hosts Central Asia" "the last article"
keys g
wait_for "All | 1/31"
keys C-d
wait_for "All | 8/31"
keys g

note "opening shows the article and marks it read"
keys Enter
wait_for "Senior officials from Japan and China met in Beijing"
expect_screen "Source    Meridian Wire" "reader header"
expect_screen "Author    Aiko Tanabe" "reader author"
expect_screen "[1]" "numbered links"
wait_for "30 unread"
expect_eq "read after opening" "$(field_of 'Japan and China' read)" True

note "starring"
keys s
wait_for "starred"
expect_eq "starred" "$(field_of 'Japan and China' starred)" True
keys s
wait_for "unstarred"
expect_eq "unstarred" "$(field_of 'Japan and China' starred)" False
keys s

note "tagging, with Tab completion on the next article"
keys t
wait_for "add tags:"
keys "brief-monday" Enter
wait_for "tagged brief-monday on 1 article"
expect_eq "tag stored" "$(field_of 'Japan and China' tags)" '["brief-monday"]'
keys j t
wait_for "add tags:"
keys "brief-m" Tab
wait_for "add tags: brief-monday"
keys Enter
wait_for "tagged brief-monday on 1 article"
expect_eq "tag by completion" "$(field_of 'NCA-2026-0193' tags)" '["brief-monday"]'
if sitrep list tag:brief-monday --json >"$T/tagged.json" 2>/dev/null; then
	expect_eq "sitrep list tag:brief-monday" "$(pyjson 'len(j)' "$T/tagged.json")" 2
fi
note "removing a tag"
keys T
wait_for "remove tags: brief-monday"
keys Enter
wait_for "removed brief-monday from 1 article"
expect_eq "tag removed" "$(field_of 'NCA-2026-0193' tags)" '[]'

note "search"
keys /
wait_for "search:"
keys "Kazakhstan" Enter
wait_for "search: Kazakhstan"
wait_for "Kazakhstan hosts Central Asia"
expect_not_screen "Wire    Japan and China hold" "search result"
keys Escape
wait_for "filter and search cleared"
wait_for "Wire    Japan and China hold"

note "filter, and a filter with an error"
keys f
wait_for "filter:"
keys "feed:cert" Enter
wait_for "filter: feed:cert | 1/5"
expect_not_screen "Taiwan reports 31 PLA" "filtered list"
keys f C-u "contry:jp" Enter
wait_for "unknown field 'contry'"
expect_screen "filter: contry:jp" "the prompt stays open to fix it"
keys Escape
wait_gone "filter: contry"
keys Escape
wait_for "All | 1/31"

note "help"
keys '?'
wait_for "sitrep keys"
expect_screen "move-down" "help lists actions"
expect_screen "j, Down" "help lists keys"
keys q
wait_gone "sitrep keys"

note "layouts: v cycles columns, stacked, single; z zooms"
keys v
wait_for "layout: single"
expect_not_screen "Views" "single pane: no sidebar"
keys v
wait_for "layout: columns"
screen | head -n 1 | grep -q "│.*│" || fail "three columns: $(screen | head -n 3)"
keys v
wait_for "layout: stacked"
expect_screen "Views" "stacked: sidebar"
keys z
wait_gone "Views"
keys z
wait_for "Views"

note "the sidebar: a feed, a folded section"
keys h
keys G
# feeds go by title (issue 11): Meridian Wire is above the last
press_until k "feed wire: 12 articles"
keys Enter
wait_for "Meridian Wire | 1/12"
keys h g Enter
wait_gone "  Starred "
keys Enter
wait_for "  Starred "
keys j Enter
wait_for "All | 1/31"

note "resizing, down to 1x1 and back"
tm resize-window -t ui -x 80 -y 24
wait_for "All | 1/31"
for size in "40 10" "20 5" "10 3" "1 1" "2 1" "5 2" "200 60"; do
	set -- $size
	tm resize-window -t ui -x "$1" -y "$2"
	sleep 0.1
done
tm resize-window -t ui -x 120 -y 40
keys j
wait_for "All | 2/31"

note "marks: m m then s stars both; the marks stay until U; d dismisses"
keys m m
wait_for "2 marked"
keys s
wait_for "2 articles starred"
sitrep list --json >"$T/l.json"
expect_eq "both starred" "$(pyjson 'sum(1 for a in j if a["starred"])' "$T/l.json")" 3
# issue 11: marks used to vanish after one bulk action
expect_screen "2 marked" "marks after a bulk action"
keys U
wait_for "2 marks cleared"
expect_not_screen "2 marked" "U clears the marks"
keys d
wait_for "dismissed"
wait_for "All | 4/30"
sitrep list --json >"$T/l.json"
# sitrep list leaves dismissed articles out, as the views do
expect_eq "dismissed" "$(pyjson 'len(j)' "$T/l.json")" 30

note "A marks the view read after asking"
keys A
wait_for "Mark the"
keys n
wait_for "nothing marked"
keys A
wait_for "Mark the"
keys y
wait_for "articles marked read"
wait_for "| 0 unread"

note "q goes back (the reader, then the list), then quits; the terminal is restored"
keys Tab
keys q
wait_for "Enter opens the selected article"
ui_quit_and_check q

note "moving across pages of a 4-line list (the key-script hook)"
# LINES=12: the stacked layout gives the list 4 lines, so these keys
# cross many windows; the report says where the selection ended (30
# articles are left after the dismissal above).
for case in "j*40:30" "j*40 k*100:1" "G k*3:27" "G g j*5:6" \
	"PgDn*2:9" "PgDn*2 PgUp:5" "PgDn*20:30" "G PgUp*20:1" "C-d*3 C-u:5" \
	"j*9 k*2 j*30 k*13:17" "G k*4 G:30"; do
	script=${case%:*} want=${case##*:}
	env TERM=xterm-256color LINES=12 COLUMNS=80 SITREP_UI_KEYS="$script" \
		SITREP_UI_REPORT="$T/report.txt" "$SITREP_BIN" --config "$T/config.ini" \
		--cache "$T/cache.db" </dev/null >/dev/null 2>"$T/hook.err" ||
		fail "key script '$script': $(cat "$T/hook.err")"
	expect_eq "position after '$script'" \
		"$(sed -n 's/^list_position //p' "$T/report.txt")" "$want"
done

note "80x24: usable; the sidebar one key away (issue 11)"
ui_shell 80 24
ui_run "$UI"
wait_for "All | 1/30"
expect_not_screen "Views" "no sidebar at 80x24 under layout = auto"
expect_screen "Japan and China hold" "list at 80x24"
keys h
wait_for "Views"
keys l
wait_gone "Views"
keys j Enter
wait_for "Source    Northgate CERT"
keys Tab
keys j j j
ui_quit_and_check Q
ui_check_stderr
echo ok
