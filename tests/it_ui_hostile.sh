#!/bin/sh
# Hostile feeds in the interface (SECURITY.md T1, T2, C1, C2, C4): the bytes
# sitrep writes to the terminal, captured with tmux pipe-pane while every
# hostile article is opened, never carry the feeds' escape sequences (OSC
# 52, OSC 0/8, CSI, DCS), BEL, C1 CSI (C2 9B) or RLO (E2 80 AE) — under a
# UTF-8 locale and under LANG=C.  Links reach the browser as one argv word,
# only http(s), never starting with '-'; y puts only the sanitised URL on
# the clipboard.
. "$SITREP_TOP/tests/lib.sh"
. "$SITREP_TOP/tests/ui_lib.sh"

expand_feeds "$SITREP_TOP/demo/hostile" "$T/feeds"
cat >"$T/config.ini" <<INI
[ui]
auto_refresh = no

[feed:hostile]
url = file://$T/feeds/hostile.json

[feed:hostilerss]
url = file://$T/feeds/hostile.xml
INI
sitrep refresh --quiet 2>"$T/refresh.err" || fail "refresh: $(cat "$T/refresh.err")"
expect_eq "hostile articles" "$(sitrep list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 4

# A stub browser that records its arguments, one per line.
cat >"$T/browser.sh" <<'SH'
#!/bin/sh
for a in "$@"; do printf '%s\n' "$a"; done >>"$BROWSER_LOG"
SH
chmod +x "$T/browser.sh"
UI="env BROWSER=$T/browser.sh BROWSER_LOG=$T/browser.log $SITREP_BIN --config $T/config.ini --cache $T/cache.db"

check_bytes() { # FILE WHAT
	python3 - "$1" "$2" <<'PY' || exit 1
import sys
data = open(sys.argv[1], "rb").read()
# sitrep's own output is curses' CSI sequences (ESC [) and nothing else:
# no OSC (ESC ]: clipboard, title, hyperlinks), no DCS (ESC P), no BEL.
# Text that was a payload may remain visible, harmless without its ESC.
bad = {
    b"\x1b]": "an OSC sequence", b"\x1bP": "a DCS sequence", b"\x07": "BEL",
    b"\x1b\\": "ST", b"\x1b^": "PM", b"\x1b_": "APC", b"\x1bX": "SOS",
    b"\xc2\x9b": "C1 CSI", b"\xc2\x9d": "C1 OSC", b"\xc2\x90": "C1 DCS",
    b"\xe2\x80\xae": "RLO", b"\xe2\x80\xac": "PDF", b"\xe2\x80\xad": "LRO",
    b"\xe2\x81\xa6": "LRI", b"\xe2\x81\xa9": "PDI", b"\xef\xbb\xbf": "BOM",
    b"\xc2\xad": "soft hyphen",
}
if len(data) < 1000:
    sys.exit("FAIL: %s: only %d bytes captured" % (sys.argv[2], len(data)))
for pat, what in bad.items():
    at = data.find(pat)
    if at >= 0:
        sys.exit("FAIL: %s: %s in the terminal output at byte %d: %r"
                 % (sys.argv[2], what, at, data[max(0, at - 40):at + 40]))
# every ESC starts a CSI, or is one of curses' charset and keypad switches
i = data.find(b"\x1b")
while i >= 0:
    nxt = data[i + 1:i + 2]
    if nxt not in (b"[", b"(", b")", b"=", b">", b"7", b"8", b"M", b"c"):
        sys.exit("FAIL: %s: ESC %r at byte %d: %r" % (sys.argv[2], nxt, i,
                 data[max(0, i - 40):i + 40]))
    i = data.find(b"\x1b", i + 1)
PY
}

# run_and_capture LOCALE: opens every article with the raw output captured.
run_and_capture() {
		rm -f "$T/raw.bin"
	ui_shell 120 40
	tm pipe-pane -t ui -o "cat >>$T/raw.bin"
	ui_run "LC_ALL=$1 LANG=$1 $UI"
	wait_for "clipboard write in the title"
	keys Enter
	wait_for "Body with an OSC 52"
	for i in 1 2 3; do
		keys j Enter
		sleep 0.2
	done
	keys Tab G
	keys '?'
	wait_for "sitrep keys"
	keys q h
	keys G
	sleep 0.3
	ui_quit_and_check Q
	tm pipe-pane -t ui
	sleep 0.2
}

note "UTF-8 locale: no raw control bytes reach the terminal"
run_and_capture C.UTF-8
check_bytes "$T/raw.bin" "C.UTF-8"

note "LANG=C: the same, and non-ASCII drawn as '?'"
run_and_capture C
check_bytes "$T/raw.bin" "LANG=C"
python3 - "$T/raw.bin" <<'PY' || exit 1
import sys
data = open(sys.argv[1], "rb").read()
hi = [b for b in data if b >= 0x80]
if hi:
    sys.exit("FAIL: LANG=C: %d bytes >= 0x80 written (mojibake)" % len(hi))
PY

note "what the screen shows of a hostile title"
ui_shell 120 40
ui_run "$UI"
wait_for "clipboard write in the title"
expect_screen "OSC52 clipboard write in the title" "OSC 52 removed with its payload"
expect_screen "Bidi redro override" "RLO removed, text kept"
expect_not_screen "pwned" "OSC 0 payload"

note "o passes a link with shell metacharacters as exactly one argument (C1)"
rm -f "$T/browser.log"
keys g
wait_for "Shell metacharacters"
# select the "Shell metacharacters" article (the oldest)
keys G
keys o
deadline=$(( $(date +%s) + UI_WAIT ))
while [ ! -s "$T/browser.log" ]; do
	[ "$(date +%s)" -gt "$deadline" ] && fail "the browser was not started: $(screen)"
	sleep 0.05
done
expect_eq "argv[1] of the browser" "$(cat "$T/browser.log")" 'http://x/$(touch${IFS}PWNED)'
wait_for "opened http://x/"
keys Enter
wait_for "Links"
rm -f "$T/browser.log"
keys 1
while [ ! -s "$T/browser.log" ]; do sleep 0.05; done
# the renderer may percent-encode the link; it stays one argument
expect_eq "link 1: one argument" "$(wc -l <"$T/browser.log")" 1
case $(cat "$T/browser.log") in
"http://x/';touch"*) ;;
*) fail "link 1: $(cat "$T/browser.log")" ;;
esac
rm -f "$T/browser.log"
keys 2
while [ ! -s "$T/browser.log" ]; do sleep 0.05; done
expect_eq "link 2: one argument" "$(wc -l <"$T/browser.log")" 1
case $(cat "$T/browser.log") in
http://x/*touch*) ;;
*) fail "link 2: $(cat "$T/browser.log")" ;;
esac
rm -f "$T/browser.log"
keys 3
while [ ! -s "$T/browser.log" ]; do sleep 0.05; done
# "-oProxyCommand=..." resolved against the article: never an option
case $(cat "$T/browser.log") in
http://x/-oProxyCommand*) ;;
*) fail "link 3: $(cat "$T/browser.log")" ;;
esac
keys 9
wait_for "the article has no link 9"
[ ! -e PWNED ] && [ ! -e "$HOME/PWNED" ] && [ ! -e "$T/PWNED" ] ||
	fail "a shell ran the link"

note "y copies only the sanitised http(s) URL (C4)"
keys g Enter y
wait_for "copied https://hostile.example/a"
deadline=$(( $(date +%s) + UI_WAIT ))
until tm show-buffer >"$T/clip.txt" 2>/dev/null && [ -s "$T/clip.txt" ]; do
	[ "$(date +%s)" -gt "$deadline" ] && fail "no clipboard buffer in tmux"
	sleep 0.05
done
python3 - "$T/clip.txt" <<'PY' || exit 1
import sys
clip = open(sys.argv[1], "rb").read()
if clip != b"https://hostile.example/a?x=":
    sys.exit("FAIL: clipboard holds %r" % clip)
PY
ui_quit_and_check Q
ui_check_stderr
echo ok
