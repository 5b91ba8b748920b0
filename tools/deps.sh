#!/bin/sh
# The one dependency step shared by `make run` and `make test`.
#
# Finds what is missing; on Debian/Ubuntu as root (or with sudo) installs it
# with apt-get; otherwise prints the exact install command for apt, dnf,
# pacman and Homebrew and stops with a non-zero status.
#
#   sh tools/deps.sh run    libraries and tools to build and run sitrep
#   sh tools/deps.sh test   the same plus what the tests need
#   sh tools/deps.sh valgrind   the test set plus valgrind (make valgrind)
set -u
mode=${1:-run}

# name|check|apt|dnf|pacman|brew
# check: "pc:MODULE", "h:HEADER" (a header under the usual include dirs)
# or "cmd:PROGRAM".
RUN_DEPS='
compiler|cmd:cc|gcc|gcc|gcc|
make|cmd:make|make|make|make|make
pkg-config|cmd:pkg-config|pkg-config|pkgconf-pkg-config|pkgconf|pkg-config
ncursesw|pc:ncursesw|libncurses-dev|ncurses-devel|ncurses|ncurses
libcurl|pc:libcurl|libcurl4-openssl-dev|libcurl-devel|curl|curl
libxml2|pc:libxml-2.0|libxml2-dev|libxml2-devel|libxml2|libxml2
iniparser|h:iniparser/iniparser.h|libiniparser-dev|iniparser-devel|iniparser|iniparser
sqlite3|pc:sqlite3|libsqlite3-dev|sqlite-devel|sqlite|sqlite
json-c|pc:json-c|libjson-c-dev|json-c-devel|json-c|json-c
'
TEST_DEPS='
cmocka|pc:cmocka|libcmocka-dev|libcmocka-devel|cmocka|cmocka
python3|cmd:python3|python3|python3|python|python
tmux|cmd:tmux|tmux|tmux|tmux|tmux
openssl|cmd:openssl|openssl|openssl|openssl|openssl
xmllint|cmd:xmllint|libxml2-utils|libxml2|libxml2|libxml2
'

VALGRIND_DEPS='
valgrind|cmd:valgrind|valgrind|valgrind|valgrind|
'

deps=$RUN_DEPS
[ "$mode" = test ] && deps="$RUN_DEPS$TEST_DEPS"
[ "$mode" = valgrind ] && deps="$RUN_DEPS$TEST_DEPS$VALGRIND_DEPS"

have() {
	case $1 in
	pc:*) pkg-config --exists "${1#pc:}" 2>/dev/null ;;
	cmd:*) command -v "${1#cmd:}" >/dev/null 2>&1 ;;
	h:*)
		for d in /usr/include /usr/local/include /opt/homebrew/include; do
			[ -f "$d/${1#h:}" ] && return 0
		done
		return 1 ;;
	esac
}

missing_names= apt= dnf= pacman= brew=
scan() {
	missing_names= apt= dnf= pacman= brew=
	old_ifs=$IFS
	IFS='
'
	for line in $deps; do
		[ -n "$line" ] || continue
		IFS='|'
		# shellcheck disable=SC2086
		set -- $line
		IFS='
'
		if ! have "$2"; then
			missing_names="$missing_names $1"
			apt="$apt $3"; dnf="$dnf $4"; pacman="$pacman $5"
			[ -n "${6:-}" ] && brew="$brew $6"
		fi
	done
	IFS=$old_ifs
}

scan
[ -z "$missing_names" ] && exit 0

echo "sitrep: missing:$missing_names" >&2

if command -v apt-get >/dev/null 2>&1; then
	sudo=
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
			sudo=sudo
		else
			sudo=none
		fi
	fi
	if [ "$sudo" != none ]; then
		echo "sitrep: installing with apt-get:$apt" >&2
		export DEBIAN_FRONTEND=noninteractive
		# shellcheck disable=SC2086
		if ! $sudo apt-get install -y -q --no-install-recommends $apt >&2; then
			echo "sitrep: apt-get install failed; updating the package lists and trying again" >&2
			$sudo apt-get update -q >&2
			# shellcheck disable=SC2086
			$sudo apt-get install -y -q --no-install-recommends $apt >&2
		fi
		scan
		[ -z "$missing_names" ] && exit 0
		echo "sitrep: still missing after apt-get:$missing_names" >&2
	fi
fi

cat >&2 <<MSG
sitrep: install these and run make again:
  Debian/Ubuntu: sudo apt-get install$apt
  Fedora/RHEL:   sudo dnf install$dnf
  Arch:          sudo pacman -S$pacman
  macOS:         brew install$brew
MSG
exit 1
