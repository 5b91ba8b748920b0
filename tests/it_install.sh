#!/bin/sh
# make install and uninstall honour PREFIX and DESTDIR, and the installed
# binary finds its example config (the feeds a new user starts with).
. "$SITREP_TOP/tests/lib.sh"

root=$T/root
note "install into a staging root"
make -s -C "$SITREP_TOP" install DESTDIR="$root" PREFIX=/opt/sitrep >"$T/install.log" 2>&1 ||
	fail "make install failed: $(cat "$T/install.log")"
for f in bin/sitrep share/sitrep/config.example.ini share/man/man1/sitrep.1 \
	share/sitrep/themes/default.ini share/sitrep/themes/mono.ini \
	share/sitrep/demo/config.ini share/sitrep/demo/wire.xml; do
	[ -f "$root/opt/sitrep/$f" ] || fail "make install did not install $f"
done
[ -x "$root/opt/sitrep/bin/sitrep" ] || fail "installed binary is not executable"
"$root/opt/sitrep/bin/sitrep" --version >"$T/version" || fail "installed binary does not run"
expect_contains "version" "$T/version" "sitrep "

note "uninstall removes what install put there"
make -s -C "$SITREP_TOP" uninstall DESTDIR="$root" PREFIX=/opt/sitrep >"$T/uninstall.log" 2>&1 ||
	fail "make uninstall failed: $(cat "$T/uninstall.log")"
[ ! -e "$root/opt/sitrep/bin/sitrep" ] || fail "uninstall left the binary"
[ ! -e "$root/opt/sitrep/share/sitrep" ] || fail "uninstall left share/sitrep"
[ ! -e "$root/opt/sitrep/share/man/man1/sitrep.1" ] || fail "uninstall left the man page"
echo ok
