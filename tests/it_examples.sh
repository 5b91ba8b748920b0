#!/bin/sh
# Every example the documentation gives works (issue 11, item 6): each
# ```ini block of the README, config.example.ini itself, every commented
# `# key = value` and example section in it uncommented, the examples
# inside its comments (with their section), the [keys] examples of the
# README, the man page and config.example.ini, and the man page's default
# values.  Each config is loaded by a command (`list --count`) and by the
# interface (drawn once), with nothing on stderr; the `sitrep` command
# lines of the README and the man page run on a small cache, exit 0 and
# print no error.
. "$SITREP_TOP/tests/lib.sh"
top=$SITREP_TOP
mkdir -p "$T/ex"

python3 - "$top" "$T/ex" <<'PY'
import os, re, sys
top, out = sys.argv[1:]
n = [0]

def emit(name, text):
    n[0] += 1
    with open(os.path.join(out, "%02d-%s.ini" % (n[0], name)), "w") as f:
        f.write(text)

# The keys a section needs beside an example line, so the line is
# checked on its own.
NEEDS = {"feed": "url = https://example.com/feed.xml\n",
         "view": "query = unread\n", "topic": "keywords = example\n"}

def section_of(header):
    # "[feed:NAME]" -> ("feed:example", "feed")
    m = re.match(r"\[([a-z]+)(?::[A-Za-z0-9_.-]+)?\]", header)
    kind = m.group(1)
    return (kind + ":example" if ":" in header else kind), kind

def one_line(header, line):
    sec, kind = section_of(header)
    key = line.split("=", 1)[0].strip()
    need = NEEDS.get(kind, "")
    if need and need.split("=")[0].strip() == key:
        need = ""
    return "[%s]\n%s%s\n" % (sec, need, line)

placeholder = re.compile(r"= *([A-Z][A-Z_ ,]*|.*\b(PATH|URL|PROGRAM|TEXT|LIST|REGEX|NAME|QUERY|COMMAND|ARGS|WORD)\b.*)$")

# README: ```ini blocks, and `action = key` examples of [keys].
readme = open(os.path.join(top, "README.md"), encoding="utf-8").read()
for i, block in enumerate(re.findall(r"```ini\n(.*?)```", readme, re.S)):
    emit("readme-ini%d" % i, block)
keys_par = re.search(r"Rebind in `\[keys\]`.*?Themes", readme, re.S)
for ex in re.findall(r"`([a-z-]+ = [A-Za-z0-9, -]+)`", keys_par.group(0) if keys_par else ""):
    if not ex.startswith("action ="):
        emit("readme-keys", "[keys]\n%s\n" % ex)

# config.example.ini as it is, and with every commented example undone.
ex_path = os.path.join(top, "config.example.ini")
lines = open(ex_path, encoding="utf-8").read().split("\n")
emit("example", "\n".join(lines))
undone = []
for l in lines:
    m = re.match(r"^# (\[[a-z]+(:[a-z0-9._-]+)?\])$", l) or \
        re.match(r"^# ([a-z_]+ = .+)$", l)
    undone.append(m.group(1) if m else l)
emit("example-uncommented", "\n".join(undone))

# The examples inside its documentation comments, with their section.
header = "[feed:NAME]"
in_keys = False
for l in lines:
    m = re.match(r"^# (\[[a-z]+(:[A-Z]+)?\]) —", l)
    if m:
        header = m.group(1)
        in_keys = header == "[keys]"
        continue
    if not l.startswith("#"):
        break
    if in_keys:
        for ex in re.findall(r"\b([a-z-]+ = [A-Za-z0-9-]+(?:, [A-Za-z0-9-]+)*)", l):
            if not ex.startswith(("ACTION", "action")):
                emit("example-doc-keys", "[keys]\n%s\n" % ex)
        continue
    m = re.match(r"^#\s{5,}([a-z_]+ = \S.*)$", l)
    if m and not placeholder.search(m.group(1)):
        emit("example-doc", one_line(header, m.group(1)))

# The man page: default values (.BI key " = value") under their section.
man = open(os.path.join(top, "sitrep.1"), encoding="utf-8").read().split("\n")
header = None
for l in man:
    m = re.match(r"^\.SS (\[[a-z]+(:NAME)?\])$", l)
    if m:
        header = m.group(1)
        continue
    if l.startswith(".SH"):
        header = None
    m = re.match(r'^\.BI ([a-z_]+) " = (.*)"$', l)
    if header and m:
        line = "%s = %s" % (m.group(1), m.group(2).replace("\\-", "-"))
        if not placeholder.search(line) and "VERSION" not in line:
            emit("man", one_line(header, line))
    m = re.match(r"^\.B \[ui\] ([a-z_]+ = [a-z]+)", l)
    if m:
        emit("man-ui", "[ui]\n%s\n" % m.group(1))

# Command lines: README ```sh blocks and the man page's .nf blocks.
cmds = []
for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
    cmds += [c for c in block.split("\n")]
inside = False
for l in man:
    if l == ".nf":
        inside = True
    elif l == ".fi":
        inside = False
    elif inside:
        cmds.append(l.replace("\\-", "-"))
read_only = ("list", "show", "topics", "countries", "tags", "feeds")
# inline examples in the README's prose and tables
cmds += re.findall(r"`sitrep ((?:%s)\b[^`\[]*)`" % "|".join(read_only), readme)
cmds = ["sitrep " + c if not c.lstrip().startswith(("sitrep", "*")) and
        c.split(" ")[0] in read_only else c for c in cmds]
with open(os.path.join(out, "commands"), "w") as f:
    for c in cmds:
        c = c.split("#")[0].strip()
        m = re.search(r"\bsitrep ((%s)\b.*)$" % "|".join(read_only), c)
        if m and not re.search(r"\b[A-Z]{2,}\b", m.group(1)):
            f.write(m.group(1) + "\n")
PY

[ "$(ls "$T"/ex/*.ini | wc -l)" -ge 20 ] || fail "too few examples found: $(ls "$T/ex")"
# and the "Example:" lines of each command's --help
for c in list show topics countries tags feeds; do
	"$SITREP_BIN" "$c" --help | sed -n 's/^Example: sitrep //p' >>"$T/ex/commands"
done
[ "$(wc -l <"$T/ex/commands")" -ge 4 ] || fail "too few command examples: $(cat "$T/ex/commands")"

# A small cache to run the examples on (what they read is never empty).
expand_feeds "$top/demo" "$T/feeds"
# the example config's topics and views, with local feeds instead of its own
python3 - "$top/config.example.ini" >"$T/demo.ini" <<'PY'
import re, sys
keep, out = True, []
for l in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if re.match(r"^\[", l):
        keep = not l.startswith("[feed:")
    if keep:
        out.append(l)
print("\n".join(out))
PY
cat >>"$T/demo.ini" <<INI
[feed:wire]
url = file://$T/feeds/wire.xml
[feed:cert]
url = file://$T/feeds/cert.atom
[feed:cisa]
url = file://$T/feeds/breachdesk.xml
INI
"$SITREP_BIN" --config "$T/demo.ini" --cache "$T/cache.db" refresh --quiet ||
	fail "refresh of the demo feeds"

checked=0
for ini in "$T"/ex/*.ini; do
	name=${ini##*/}
	cp "$T/cache.db" "$T/ex.db"
	"$SITREP_BIN" --config "$ini" --cache "$T/ex.db" list --count \
		>/dev/null 2>"$T/err" || fail "$name: list --count failed: $(cat "$T/err")
$(cat "$ini" | head -20)"
	[ ! -s "$T/err" ] || fail "$name: $(cat "$T/err")
$(head -20 "$ini")"
	# the interface, drawn once: [keys], [ui] and views are checked here
	env SITREP_UI_EXIT_AFTER_DRAW=1 TERM=xterm-256color \
		"$SITREP_BIN" --config "$ini" --cache "$T/ex.db" </dev/null \
		>/dev/null 2>"$T/err" || fail "$name: the interface refused it: $(cat "$T/err")
$(head -20 "$ini")"
	[ ! -s "$T/err" ] || fail "$name: the interface printed: $(cat "$T/err")"
	checked=$((checked + 1))
done
note "$checked configs from the documentation load cleanly"

ran=0
while read -r cmd; do
	# shellcheck disable=SC2086
	eval "set -- $cmd"
	"$SITREP_BIN" --config "$T/demo.ini" --cache "$T/cache.db" "$@" \
		>"$T/out" 2>"$T/err" || fail "sitrep $cmd: exit $?: $(cat "$T/err")"
	[ ! -s "$T/err" ] || fail "sitrep $cmd: $(cat "$T/err")"
	ran=$((ran + 1))
done <"$T/ex/commands"
note "$ran command examples run cleanly"
