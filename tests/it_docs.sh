#!/bin/sh
# The documentation keeps up with the code: every command sitrep lists and
# every config key in src/config/keys.c is in the man page, the README
# and (keys) config.example.ini; --help works for each command.
. "$SITREP_TOP/tests/lib.sh"
top=$SITREP_TOP

"$SITREP_BIN" --help >"$T/help" || fail "sitrep --help failed"
sed -n '/^Commands:/,/^$/p' "$T/help" | awk 'NF > 1 { print $1 }' >"$T/commands"
[ -s "$T/commands" ] || fail "no commands in sitrep --help"
while read -r cmd; do
	grep -q "^\.B $cmd\b" "$top/sitrep.1" || fail "sitrep.1 does not document the command '$cmd'"
	grep -q "sitrep $cmd" "$top/README.md" || fail "README.md does not mention 'sitrep $cmd'"
	"$SITREP_BIN" "$cmd" --help >"$T/cmdhelp" || fail "sitrep $cmd --help failed"
	expect_contains "$cmd --help" "$T/cmdhelp" "usage: sitrep $cmd"
done <"$T/commands"

# Key table rows look like:  { "name", CK_TYPE, ...
grep -oE '^\s*\{ "[a-z_]+", CK_' "$top/src/config/keys.c" | sed 's/.*"\([a-z_]*\)".*/\1/' | sort -u >"$T/keys"
[ "$(wc -l <"$T/keys")" -ge 20 ] || fail "could not read the config keys from src/config/keys.c"
while read -r key; do
	grep -q "$key" "$top/sitrep.1" || fail "sitrep.1 does not document the config key '$key'"
	grep -q "^#.*\b$key\b" "$top/config.example.ini" ||
		fail "config.example.ini does not document the key '$key'"
done <"$T/keys"
echo ok
