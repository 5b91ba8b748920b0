#!/bin/sh
# sitrep --demo under the terminals people use over ssh and in tmux/screen
# (TERM=xterm-256color, tmux-256color, screen, linux, vt100) and under a
# UTF-8 and a plain C locale: it starts, draws the panes (wide characters
# in UTF-8, '?' in C, never mojibake), answers keys, and on quit gives the
# terminal back and removes its throwaway directory.
. "$SITREP_TOP/tests/lib.sh"
. "$SITREP_TOP/tests/ui_lib.sh"

mkdir -p "$T/tmp"
ui_shell 100 30
for term in xterm-256color tmux-256color screen linux vt100; do
	for loc in C.UTF-8 C; do
		note "TERM=$term LC_ALL=$loc"
		ui_clear
		ui_run "TMPDIR=$T/tmp TERM=$term LC_ALL=$loc LANG=$loc $SITREP_BIN --demo"
		wait_for "All | 1/31"
		expect_screen "Views" "$term $loc: sidebar"
		expect_screen "Japan and China hold" "$term $loc: list"
		if [ "$loc" = C ]; then
			expect_screen "??????????" "$term C: non-ASCII as '?'"
			expect_not_screen "名古屋" "$term C: no UTF-8 drawn"
		else
			expect_screen "名古屋港のコンテナターミナル" "$term UTF-8: Japanese"
			expect_screen "Молдова высылает" "$term UTF-8: Cyrillic"
		fi
		ls "$T/tmp" | grep -q "^sitrep-demo\." || fail "no demo directory"
		keys j Enter
		wait_for "Source    Northgate CERT"
		keys Tab j
		if tput -T "$term" smcup >/dev/null 2>&1; then
			ui_quit_and_check Q
		else
			ui_quit_and_check Q no-alternate-screen
		fi
		[ -z "$(ls -A "$T/tmp")" ] || fail "$term $loc: demo directory left: $(ls -A "$T/tmp")"
	done
done

note "NO_COLOR and a terminal without colours still show the selection"
ui_clear
ui_run "TMPDIR=$T/tmp NO_COLOR=1 $SITREP_BIN --demo"
wait_for "All | 1/31"
# the selected line is drawn in reverse video
tm capture-pane -p -e -t ui | python3 -c '
import re, sys
sys.exit(0 if re.search(r"\x1b\[([0-9;]*;)?7[;m]", sys.stdin.read()) else 1)' ||
	fail "no reverse video under NO_COLOR"
ui_quit_and_check Q

note "SIGTERM and SIGHUP restore the terminal"
for sig in TERM HUP INT; do
	ui_clear
	ui_run "TMPDIR=$T/tmp $SITREP_BIN --demo"
	wait_for "All | 1/31"
	pid=$(pgrep -n -f "$SITREP_BIN --demo" || true)
	[ -n "$pid" ] || fail "no sitrep process"
	kill -s "$sig" "$pid"
	deadline=$(( $(date +%s) + UI_WAIT ))
	while [ "$(tm display -p -t ui '#{alternate_on}')" != 0 ]; do
		[ "$(date +%s)" -gt "$deadline" ] && fail "SIG$sig: screen not restored"
		sleep 0.05
	done
	# sitrep has exited when the shell prompts again
	until [ "$(screen | grep -c '^ready\$')" -ge 2 ]; do
		[ "$(date +%s)" -gt "$deadline" ] && fail "SIG$sig: no prompt: $(screen)"
		sleep 0.05
	done
	[ -z "$(ls -A "$T/tmp")" ] || fail "SIG$sig: demo directory left"
done
ui_check_stderr
echo ok
