#!/bin/sh
# OPML through the binary: each real shape of tests/fixtures/opml imported
# into an empty config writes exactly its NAME.ini beside the config, never
# touches the config itself, and survives export -> import -> export
# unchanged; feeds already present are skipped and reported; malformed,
# non-OPML, entity-bomb and XXE files are refused with their line; command
# feeds are refused and nothing runs; the imported file is read after the
# config (a key in both keeps the config's), also without any config.
# newsboat's own test files run too when ../shared is there.
. "$SITREP_TOP/tests/lib.sh"
fx="$SITREP_TOP/tests/fixtures/opml"

# the sections of an imported-feeds file, comments and leading blanks gone
sections() {
	grep -v '^#' "$1" | sed '/./,$!d'
}

fresh() { # DIR: an empty config of its own
	rm -rf "$1"
	mkdir -p "$1"
	printf '[general]\nkeep_days = 0\n' >"$1/config.ini"
}

in_dir() { # DIR ARGS...: sitrep on DIR's config and cache
	in_d=$1
	shift
	"$SITREP_BIN" --config "$in_d/config.ini" --cache "$in_d/cache.db" "$@"
}

for shape in newsboat-opml2 newsraft freshrss feedly inoreader opml1-url exec; do
	note "import $shape"
	d=$T/$shape
	fresh "$d"
	cp "$d/config.ini" "$d/config.before"
	rc=0
	in_dir "$d" import-opml "$fx/$shape.opml" >"$d/out" 2>"$d/err" || rc=$?
	[ $rc -le 1 ] || fail "$shape: exit $rc: $(cat "$d/err")"
	[ -s "$d/err" ] && fail "$shape: stderr: $(cat "$d/err")"
	cmp -s "$d/config.ini" "$d/config.before" || fail "$shape: the config was rewritten"
	[ -f "$d/feeds.d/opml.ini" ] || fail "$shape: no feeds.d/opml.ini: $(cat "$d/out")"
	sections "$d/feeds.d/opml.ini" >"$d/got"
	diff -u "$fx/$shape.ini" "$d/got" >"$d/diff" || fail "$shape: wrote
$(cat "$d/diff")"
	n=$(grep -c '^\[feed:' "$fx/$shape.ini")
	expect_contains "$shape report" "$d/out" "Added $n feed"
	# the config now has them, with their tags
	in_dir "$d" feeds --json >"$d/feeds.json" 2>"$d/err" || fail "$shape: feeds: $(cat "$d/err")"
	expect_eq "$shape feeds" "$(pyjson 'len(j)' "$d/feeds.json")" "$n"

	note "round trip $shape"
	in_dir "$d" export-opml -o "$d/a.opml" 2>"$d/err" || fail "$shape: export: $(cat "$d/err")"
	expect_contains "$shape export" "$d/err" "wrote $n feeds to"
	python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$d/a.opml" ||
		fail "$shape: the export is not well-formed"
	grep -q '<opml version="2.0">' "$d/a.opml" || fail "$shape: not OPML 2.0"
	fresh "$d/r"
	in_dir "$d/r" import-opml "$d/a.opml" >"$d/r/out" 2>&1 || fail "$shape: re-import: $(cat "$d/r/out")"
	sections "$d/r/feeds.d/opml.ini" >"$d/r/got"
	diff -u "$d/got" "$d/r/got" >"$d/diff" || fail "$shape: lost in the round trip:
$(cat "$d/diff")"
	in_dir "$d/r" export-opml >"$d/b.opml"
	grep -v dateCreated "$d/a.opml" >"$d/a.cmp"
	grep -v dateCreated "$d/b.opml" >"$d/b.cmp"
	cmp -s "$d/a.cmp" "$d/b.cmp" || fail "$shape: a second export differs: $(diff "$d/a.cmp" "$d/b.cmp")"
done

note "folders and categories as tags, nested folders in the export"
d=$T/feedly
expect_contains "two folders" "$d/feeds.d/opml.ini" "tags = Cyber-Security, Asia-Pacific"
expect_contains "folder" "$d/a.opml" '<outline text="Cyber-Security" title="Cyber-Security">'
d=$T/inoreader
expect_contains "nested" "$d/a.opml" '<outline text="Geopolitics" title="Geopolitics">'
expect_contains "nested 2" "$d/a.opml" '<outline text="Europe" title="Europe">'
expect_contains "category" "$d/a.opml" 'category="Geopolitics/Europe"'

note "command feeds are refused, and nothing runs"
d=$T/exec
rm -f /tmp/sitrep-opml-pwned
expect_contains "exec refused" "$d/out" "exec:touch /tmp/sitrep-opml-pwned: a command feed (exec:); sitrep never runs commands"
expect_contains "filter refused" "$d/out" "a filtered feed (filter:)"
expect_contains "pipe refused" "$d/out" "a command feed (Liferea's |command)"
expect_contains "file refused" "$d/out" "file:///etc/passwd: not an http or https feed"
expect_contains "filtercmd" "$d/out" "its filtercmd is not run"
expect_not_contains "no exec in config" "$d/feeds.d/opml.ini" "exec:"
rc=0
in_dir "$d" import-opml "$fx/exec.opml" >"$d/out2" 2>&1 || rc=$?
expect_eq "refused outlines: exit" "$rc" 1
in_dir "$d" refresh --quiet >/dev/null 2>&1 || true
[ -e /tmp/sitrep-opml-pwned ] && fail "a command from the OPML file ran"

note "feeds already present are skipped and reported"
d=$T/dup
fresh "$d"
cat >>"$d/config.ini" <<'EOF'

[feed:record]
url = HTTPS://TheRecord.media/feed
EOF
in_dir "$d" import-opml "$fx/feedly.opml" >"$d/out" || fail "dup import: $(cat "$d/out")"
expect_contains "added" "$d/out" "Added 3 feeds to $d/feeds.d/opml.ini:"
expect_contains "skipped" "$d/out" "https://therecord.media/feed: already in the config as [feed:record]"
in_dir "$d" import-opml "$fx/feedly.opml" >"$d/out2" || fail "second import"
expect_contains "nothing new" "$d/out2" "Nothing to add."
expect_contains "all skipped" "$d/out2" "Skipped 4:"
expect_eq "one batch" "$(grep -c '^# 3 feeds from' "$d/feeds.d/opml.ini")" 1
in_dir "$d" import-opml --dry-run "$fx/inoreader.opml" >"$d/out3" || fail "dry run"
expect_contains "dry run" "$d/out3" "Would add 3 feeds"
expect_not_contains "dry run wrote nothing" "$d/feeds.d/opml.ini" "lemonde"

note "a key in the config and the imported file: the config's is used"
cat >>"$d/config.ini" <<'EOF'

[feed:dark-reading]
url = https://example.com/my-own-dark-reading.xml
EOF
in_dir "$d" feeds --json >"$d/feeds.json" 2>"$d/err" || fail "feeds"
expect_contains "collision warning" "$d/err" "feeds.d/opml.ini: [feed:dark-reading] is in $d/config.ini too; that one is used"
expect_eq "config wins" "$(pyjson '[f["url"] for f in j if f["key"] == "dark-reading"][0]' "$d/feeds.json")" \
	"https://example.com/my-own-dark-reading.xml"

note "a broken imported file is an error naming it"
printf '[feed:bad]\nurl = ftp://x\n' >>"$d/feeds.d/opml.ini"
rc=0
in_dir "$d" feeds >"$d/out" 2>"$d/err" || rc=$?
expect_eq "broken import: exit" "$rc" 2
expect_contains "names the file" "$d/err" "feeds.d/opml.ini: [feed:bad] url = 'ftp://x'"

note "without a config: the imported feeds, beside the default config"
export XDG_CONFIG_HOME="$T/xdg"
mkdir -p "$XDG_CONFIG_HOME"
"$SITREP_BIN" --cache "$T/x.db" import-opml "$fx/inoreader.opml" >"$T/x.out" || fail "import without config: $(cat "$T/x.out")"
[ -f "$XDG_CONFIG_HOME/sitrep/feeds.d/opml.ini" ] || fail "not beside the default config"
[ -f "$XDG_CONFIG_HOME/sitrep/config.ini" ] && fail "a config was written"
"$SITREP_BIN" --cache "$T/x.db" feeds --json >"$T/x.json" 2>/dev/null || fail "feeds without config"
expect_eq "only the imported feeds" "$(pyjson 'sorted(f["key"] for f in j)' "$T/x.json")" \
	'["bbc-news-world", "le-monde-l-international", "war-on-the-rocks"]'
unset XDG_CONFIG_HOME

note "malformed and hostile files are refused with their line"
d=$T/bad
fresh "$d"
for f in malformed:"line 11: not well-formed XML: Opening and ending tag mismatch" \
	not-opml:"line 2: not an OPML file: the root element is <rss>" \
	bomb:"line 3: the file declares entities" \
	xxe:"line 2: the file declares entities"; do
	name=${f%%:*}
	want=${f#*:}
	rc=0
	in_dir "$d" import-opml "$fx/$name.opml" >"$d/out" 2>"$d/err" || rc=$?
	expect_eq "$name: exit" "$rc" 2
	expect_contains "$name" "$d/err" "sitrep import-opml: $fx/$name.opml: $want"
	expect_contains "$name: nothing" "$d/err" "nothing imported"
	[ -e "$d/feeds.d" ] && fail "$name: wrote something"
	expect_not_contains "$name: no leak" "$d/err" "root:"
done
rc=0
in_dir "$d" import-opml "$T/missing.opml" 2>"$d/err" || rc=$?
expect_eq "missing: exit" "$rc" 2
expect_contains "missing" "$d/err" "cannot read $T/missing.opml: No such file or directory"
printf '<opml><body><outline xmlUrl="https://stdin.example/feed"/></body></opml>' |
	in_dir "$d" import-opml - >"$d/out" || fail "stdin"
expect_contains "stdin" "$d/out" "[feed:stdin-example] https://stdin.example/feed"

if [ -n "${SITREP_SHARED_FIXTURES:-}" ] && [ -d "$SITREP_SHARED_FIXTURES/opml/newsboat" ]; then
	note "newsboat's own test files"
	nb=$SITREP_SHARED_FIXTURES/opml/newsboat
	d=$T/nb
	fresh "$d"
	in_dir "$d" import-opml "$nb/example.opml" >"$d/out" || fail "example.opml"
	expect_contains "nested tag" "$d/feeds.d/opml.ini" "tags = Blogs/friends"
	expect_not_contains "title ignored for folders" "$d/feeds.d/opml.ini" "should-be-ignored"
	in_dir "$d" import-opml "$nb/category.opml" >"$d/out" || fail "category.opml"
	expect_contains "categories" "$d/feeds.d/opml.ini" "tags = tag-one, tag_two, tag/three"
	in_dir "$d" import-opml "$nb/xmlurl-missing-but-url-exists.opml" >"$d/out" || fail "url"
	expect_contains "url is taken" "$d/out" "already in the config as [feed:example-com-website]"
	rc=0
	in_dir "$d" import-opml "$nb/with_verbatim_exec_url.opml" >"$d/out" || rc=$?
	expect_eq "exec file: exit" "$rc" 1
	expect_contains "exec" "$d/out" "exec:echo You have been pwnd: a command feed (exec:)"
	rc=0
	in_dir "$d" import-opml "$nb/piped.opml" >"$d/out" || rc=$?
	expect_contains "pipe" "$d/out" "|~/fetch_tweets.py: a command feed"
	rc=0
	in_dir "$d" import-opml "$nb/with_unsupported_schemas.opml" >"$d/out" || rc=$?
	expect_contains "ftp" "$d/out" "ftp://example.com/~user/news.rss: not an http or https feed"
	rc=0
	in_dir "$d" import-opml "$nb/body-element-missing.opml" 2>"$d/err" || rc=$?
	expect_eq "no body" "$rc" 2
	expect_contains "no body msg" "$d/err" "no <body>"
	expect_not_contains "no exec" "$d/feeds.d/opml.ini" "exec:"
else
	note "newsboat's files skipped (SITREP_SHARED_FIXTURES unset)"
fi
echo ok
