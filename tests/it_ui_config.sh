#!/bin/sh
# The interface's settings: [keys] rebinding (and its errors, which stop
# sitrep with a message naming the file, [keys] and the action), themes
# from ~/.config/sitrep/themes (a broken one is reported by file, line and
# element, and the default is used), [ui] start_view, layout,
# mark_read_on_open, confirm_mark_all and osc8_links.
. "$SITREP_TOP/tests/lib.sh"
. "$SITREP_TOP/tests/ui_lib.sh"

expand_feeds "$SITREP_TOP/demo" "$T/feeds"
base() {
	sed -e "s|@DEMO@|$T/feeds|" -e '/^\[ui\]/,/^$/d' "$SITREP_TOP/demo/config.ini"
}
base >"$T/config.ini"
sitrep refresh --quiet 2>"$T/refresh.err" || fail "refresh: $(cat "$T/refresh.err")"
UI="$SITREP_BIN --config $T/config.ini --cache $T/cache.db"

note "a bad [keys] section stops sitrep with a message"
{ base; printf '\n[keys]\nmovedown = n\nmove-up = k, Upp\n'; } >"$T/bad.ini"
set +e
"$SITREP_BIN" --config "$T/bad.ini" --cache "$T/cache.db" </dev/null >/dev/null 2>"$T/bad.err"
rc=$?
set -e
expect_eq "exit status for bad keys" "$rc" 2
expect_contains "unknown action" "$T/bad.err" "bad.ini: [keys] movedown: unknown action; did you mean 'move-down'?"
expect_contains "unknown key" "$T/bad.err" "[keys] move-up = 'k, Upp': unknown key 'Upp'; did you mean 'Up'?"

note "without a terminal the interface says so"
set +e
"$SITREP_BIN" --config "$T/config.ini" --cache "$T/cache.db" </dev/null >/dev/null 2>"$T/tty.err"
rc=$?
set -e
expect_eq "exit status without a terminal" "$rc" 2
expect_contains "needs a terminal" "$T/tty.err" "the interface needs a terminal"

note "[keys] rebinding, shown by ?"
{ base; printf '\n[ui]\nauto_refresh = no\nmark_read_on_open = no\nconfirm_mark_all = no\n'
  printf '\n[keys]\nmove-down = n, Down\nnext-unread = M-n\n'; } >"$T/keys.ini"
ui_shell 120 40
ui_run "$SITREP_BIN --config $T/keys.ini --cache $T/cache.db"
wait_for "All | 1/31 | 31 unread"
keys n
wait_for "All | 2/31"
keys j
wait_for "j is not bound"
keys '?'
wait_for "n, Down"
expect_screen "M-n" "rebound next-unread in the help"
keys q
note "mark_read_on_open = no; confirm_mark_all = no"
keys Enter
wait_for "Source    Northgate CERT"
sleep 0.5
expect_screen "31 unread" "opening did not mark read"
keys A
wait_for "31 articles marked read"
wait_for "| 0 unread"
ui_quit_and_check Q
sitrep list --json >"$T/l.json"
expect_eq "all read" "$(pyjson 'sum(1 for a in j if not a["read"])' "$T/l.json")" 0
python3 - "$T/cache.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE items SET read = 0")
db.commit()
PY

note "a theme of the user's, and a broken one"
mkdir -p "$HOME/.config/sitrep/themes"
printf '# mine\nunread = 196 bold\n' >"$HOME/.config/sitrep/themes/mine.ini"
printf 'unread = red\nbadge-country = purple\n' >"$HOME/.config/sitrep/themes/broken.ini"
{ base; printf '\n[ui]\nauto_refresh = no\ntheme = mine\nstart_view = certdesk\nlayout = columns\n'
  printf '\n[view:certdesk]\nlabel = CERT desk\nquery = feed:cert\n'; } >"$T/theme.ini"
ui_shell 120 40
ui_run "$SITREP_BIN --config $T/theme.ini --cache $T/cache.db"
wait_for "CERT desk | 1/5"
tm capture-pane -p -e -t ui | grep -q '38;5;196' || fail "theme colour 196 not used"
screen | head -n 1 | grep -q "│.*│" || fail "layout = columns: $(screen | head -n 2)"
ui_quit_and_check Q
{ base; printf '\n[ui]\nauto_refresh = no\ntheme = broken\n'; } >"$T/broken.ini"
ui_run "$SITREP_BIN --config $T/broken.ini --cache $T/cache.db"
wait_for "default theme used: ~/.config/sitrep/themes/broken.ini:2: badge-country: unknown colour or attribute 'purple'"
wait_for "All | 1/31"
ui_quit_and_check Q

note "osc8_links = yes: links in the reader are OSC 8 hyperlinks"
{ base; printf '\n[ui]\nauto_refresh = no\nosc8_links = yes\n'; } >"$T/osc8.ini"
ui_shell 120 40
tm pipe-pane -t ui -o "cat >>$T/raw.bin"
ui_run "$SITREP_BIN --config $T/osc8.ini --cache $T/cache.db"
wait_for "All | 1/31"
keys Enter
wait_for "maritime and aerial communication hotline"
sleep 0.3
ui_quit_and_check Q
tm pipe-pane -t ui
sleep 0.2
python3 - "$T/raw.bin" <<'PY' || exit 1
import sys
data = open(sys.argv[1], "rb").read()
want = b"\x1b]8;;https://meridian-wire.example/explainers/maritime-hotline\x1b\\"
if want not in data:
    sys.exit("FAIL: no OSC 8 hyperlink for link 1 in the output")
if b"\x07" in data:
    sys.exit("FAIL: BEL in the output")
PY
ui_check_stderr
echo ok
