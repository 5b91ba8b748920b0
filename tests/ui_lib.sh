# Helpers for the interface's end-to-end tests (tests/it_ui*.sh): the real
# binary inside a private tmux server, driven with send-keys and read with
# capture-pane, as tmux's own regress/ tests do.  Sourced after lib.sh.
#
# Every wait polls the screen until the text appears (no fixed sleeps), with
# a deadline of UI_WAIT seconds; the tmux server is killed at exit.

if ! command -v tmux >/dev/null 2>&1; then
	echo "skip: tmux is not installed"
	exit 0
fi

UI_WAIT=${UI_WAIT:-8}
TMUX_SOCK="$T/tmux.sock"
unset TMUX TMUX_PANE 2>/dev/null || true

tm() {
	tmux -S "$TMUX_SOCK" "$@"
}

ui_cleanup() {
	tm kill-server 2>/dev/null || true
	cleanup
}
trap ui_cleanup EXIT

# Stops the tmux server and waits until it is gone.
ui_kill() {
	tm kill-server 2>/dev/null || true
	i=0
	while tm has-session 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	rm -f "$TMUX_SOCK"
}

# A shell in a WxH pane, with a plain prompt and no user config.
ui_shell() {
	ui_kill
	cat >"$T/tmux.conf" <<'CONF'
set -g default-terminal tmux-256color
set -g escape-time 0
set -g status off
set -g set-clipboard on
set -g history-limit 2000
CONF
	tm -f "$T/tmux.conf" new-session -d -s ui -x "$1" -y "$2" \
		"env PS1='ready\$ ' HISTFILE=/dev/null sh"
	wait_for 'ready$'
}

# ui_clear: clears the shell's screen and waits for the lone prompt.
ui_clear() {
	tm send-keys -t ui "clear" Enter
	deadline=$(( $(date +%s) + UI_WAIT ))
	until [ "$(screen | grep -c .)" = 1 ] && [ "$(screen | head -n 1)" = 'ready$' ]; do
		[ "$(date +%s)" -gt "$deadline" ] && fail "the shell did not clear: $(screen)"
		sleep 0.05
	done
}

# ui_run ARGS...: types a sitrep command line into the shell; its stderr
# is kept apart (see ui_check_stderr).
ui_run() {
	tm send-keys -t ui "$* 2>>$T/ui.stderr" Enter
}

# Nothing may be printed while curses owns the screen, and under the
# sanitizers nothing may be reported.
ui_check_stderr() {
	[ -f "$T/ui.stderr" ] || return 0
	if grep -q "Sanitizer\|runtime error" "$T/ui.stderr"; then
		fail "sanitizer report: $(head -c 3000 "$T/ui.stderr")"
	fi
	if [ -s "$T/ui.stderr" ] && [ -z "${UI_STDERR_OK:-}" ]; then
		fail "sitrep wrote to stderr: $(head -c 2000 "$T/ui.stderr")"
	fi
}

screen() {
	tm capture-pane -p -t ui
}

keys() {
	tm send-keys -t ui "$@"
}

# wait_for TEXT [SECONDS]: until TEXT is on the screen.
wait_for() {
	deadline=$(( $(date +%s) + ${2:-$UI_WAIT} ))
	while :; do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		if [ "$(date +%s)" -gt "$deadline" ]; then
			screen >"$T/screen.txt" 2>&1 || true
			fail "'$1' did not appear on the screen:
$(cat "$T/screen.txt")"
		fi
		sleep 0.05
	done
}

# wait_gone TEXT [SECONDS]: until TEXT is no longer on the screen.
wait_gone() {
	deadline=$(( $(date +%s) + ${2:-$UI_WAIT} ))
	while screen | grep -qF -- "$1"; do
		if [ "$(date +%s)" -gt "$deadline" ]; then
			fail "'$1' stayed on the screen:
$(screen)"
		fi
		sleep 0.05
	done
}

# press_until KEY TEXT: presses KEY until TEXT is on the screen.
press_until() {
	deadline=$(( $(date +%s) + UI_WAIT ))
	until screen | grep -qF -- "$2"; do
		[ "$(date +%s)" -gt "$deadline" ] && fail "'$2' never appeared pressing $1:
$(screen)"
		keys "$1"
		sleep 0.05
	done
}

# The line of the screen holding TEXT (first match).
screen_line() {
	screen | grep -F -- "$1" | head -n 1
}

expect_screen() {
	screen | grep -qF -- "$1" || fail "$2: '$1' not on the screen:
$(screen)"
}

expect_not_screen() {
	! screen | grep -qF -- "$1" || fail "$2: '$1' unexpectedly on the screen:
$(screen)"
}

# Quits with q and checks the terminal came back: the alternate screen is
# off, the shell prompt is back, the command line typed before is still
# there (not checked with a second argument: terminals without an alternate
# screen, such as linux and vt100, keep the last picture above the prompt).
ui_quit_and_check() {
	keys "${1:-q}"
	deadline=$(( $(date +%s) + UI_WAIT ))
	while [ "$(tm display -p -t ui '#{alternate_on}')" != 0 ]; do
		[ "$(date +%s)" -gt "$deadline" ] && fail "still on the alternate screen after quit:
$(screen)"
		sleep 0.05
	done
	if [ -n "${2:-}" ]; then
		wait_for 'ready$'
		return 0
	fi
	# the prompt the command was typed on, and a new one under it
	until [ "$(screen | grep -c '^ready\$')" -ge 2 ]; do
		[ "$(date +%s)" -gt "$deadline" ] &&
			fail "the screen before sitrep was not restored:
$(screen)"
		sleep 0.05
	done
}

