#!/bin/sh
# The command-line half of issue 11 ("the first hour"): feed tags file
# every article of the feed (item 1); a mistyped cache path is refused, not
# made (8); undated and future items (10, 11); keys are never cut (12);
# every error line starts with "sitrep:" (6); and the smaller ones (15):
# "1 feed", show's date has its zone, a gone feed has no next try, a bad
# [ui] value does not stop `list`, typos get a did-you-mean, a bulk mark
# says how to undo it.
. "$SITREP_TOP/tests/lib.sh"

expand_feeds "$SITREP_TOP/demo" "$T/feeds"
long=healthcareinfosecurity_and_a_much_longer_feed_key
cat >"$T/config.ini" <<INI
[feed:wire]
url = file://$T/feeds/wire.xml
tags = world, wires

[feed:$long]
url = file://$T/feeds/cert.atom
tags = cyber
INI

note "only refresh creates a cache; read commands refuse a missing one by name"
for c in list topics countries tags "show 1"; do
	# shellcheck disable=SC2086
	if sitrep $c >/dev/null 2>"$T/err"; then fail "$c on a missing cache succeeded"; fi
	expect_contains "$c names the cache" "$T/err" "sitrep: no cache at $T/cache.db: \`sitrep refresh\` fetches the feeds and creates it"
done
# feeds lists the config's feeds before the first refresh (after an
# import), saying there is no cache yet, and creates none
sitrep feeds >"$T/feeds0.txt" 2>"$T/err" || fail "feeds before a refresh: $(cat "$T/err")"
expect_contains "feeds names the missing cache" "$T/err" "sitrep: no cache at $T/cache.db yet: \`sitrep refresh\` fetches the feeds and creates it"
expect_contains "feeds before a refresh" "$T/feeds0.txt" "never fetched"
[ ! -e "$T/cache.db" ] || fail "a read command created the cache"
if "$SITREP_BIN" --config "$T/config.ini" --cache "$T/typo/deeper/cache.db" refresh 2>"$T/err"; then
	fail "refresh into a missing chain of directories succeeded"
fi
expect_contains "the missing parent" "$T/err" "cannot create $T/typo/deeper for the cache"
[ ! -e "$T/typo" ] || fail "a mistyped --cache created $T/typo"
"$SITREP_BIN" --config "$T/config.ini" --cache "$T/own/cache.db" refresh --quiet ||
	fail "refresh could not make the cache's own directory"
[ -f "$T/own/cache.db" ] || fail "no cache in its own new directory"

sitrep refresh 2>"$T/err" || fail "refresh: $(cat "$T/err")"
expect_contains "plural of one" "$T/err" "refresh: 2 feeds,"
sitrep refresh wire --force 2>"$T/err1" || fail "refresh wire: $(cat "$T/err1")"
expect_contains "one feed, not 1 feeds" "$T/err1" "refresh: 1 feed, 0 failed"

note "feed tags apply to every article of the feed, without copies"
wire=$(sitrep list --count feed:wire | cut -d' ' -f1)
[ "$wire" -gt 0 ] || fail "no articles from wire"
expect_eq "tag:world is every wire article" "$(sitrep list --count tag:world | cut -d' ' -f1)" "$wire"
expect_eq "tag:WIRES ignores case" "$(sitrep list --count tag:WIRES | cut -d' ' -f1)" "$wire"
expect_eq "tag:WIR* as a glob takes feed tags too" "$(sitrep list --count 'tag:WIR*' | cut -d' ' -f1)" "$wire"
sitrep list --json feed:wire >"$T/wire.json"
one=$(pyjson 'j[0]["id"]' "$T/wire.json")
sitrep list --json "feed:$long" >"$T/cert.json"
other=$(pyjson 'j[0]["id"]' "$T/cert.json")
sitrep tag "$other" +world >/dev/null
sitrep tag "$one" +world >/dev/null
expect_eq "a hand tag and a feed tag count once" "$(sitrep list --count tag:world | cut -d' ' -f1)" "$((wire + 1))"
sitrep tags --json >"$T/tags.json"
expect_eq "sitrep tags counts feed tags" "$(pyjson '[t["total"] for t in j if t["key"].lower() == "world"][0]' "$T/tags.json")" "$((wire + 1))"
expect_eq "sitrep tags lists cyber" "$(pyjson '[t["key"] for t in j if t["key"] == "cyber"][0]' "$T/tags.json")" cyber
sitrep feeds --json >"$T/feeds.json"
expect_eq "feeds --json has the tags" "$(pyjson '[f["tags"] for f in j if f["key"] == "wire"][0]' "$T/feeds.json")" '["world", "wires"]'
sitrep feeds >"$T/feeds.txt"
expect_contains "feeds shows the tags" "$T/feeds.txt" "[world, wires]"
# editing the config re-files the old articles at once
sed -i 's/^tags = world, wires$/tags = wires/' "$T/config.ini"
expect_eq "after the edit, only hand tags" "$(sitrep list --count tag:world | cut -d' ' -f1)" 2

note "identifiers are never cut; titles are"
sitrep feeds >"$T/feeds.txt"
expect_contains "feeds: the whole key" "$T/feeds.txt" "$long "
sitrep list >"$T/list.txt"
expect_contains "list: the whole key" "$T/list.txt" " $long "
sitrep tag "$one" +a-very-long-tag-name-that-someone-typed-for-the-brief >/dev/null
sitrep tags >"$T/tags.txt"
expect_contains "tags: the whole tag" "$T/tags.txt" "a-very-long-tag-name-that-someone-typed-for-the-brief "

note "undated articles say so; dates a few minutes ahead sort as new"
now_plus=$(python3 -c 'import time; from email.utils import formatdate; print(formatdate(time.time() + 600, usegmt=True))')
cat >"$T/feeds/odd.xml" <<XML
<?xml version="1.0"?><rss version="2.0"><channel><title>Odd</title>
<item><title>No date at all</title><link>https://odd.example/1</link><guid>o1</guid></item>
<item><title>Ten minutes ahead</title><link>https://odd.example/2</link><guid>o2</guid><pubDate>$now_plus</pubDate></item>
</channel></rss>
XML
printf '[feed:odd]\nurl = file://%s/feeds/odd.xml\n' "$T" >>"$T/config.ini"
sitrep refresh --quiet odd
sleep 2
# dated after the first refresh saw the others, before the second
old=$(python3 -c 'import time; from email.utils import formatdate; print(formatdate(time.time() - 1, usegmt=True))')
cat >"$T/feeds/odd.xml" <<XML
<?xml version="1.0"?><rss version="2.0"><channel><title>Odd</title>
<item><title>A second ago, arrived later</title><link>https://odd.example/3</link><guid>o3</guid><pubDate>$old</pubDate></item>
<item><title>No date at all</title><link>https://odd.example/1</link><guid>o1</guid></item>
<item><title>Ten minutes ahead</title><link>https://odd.example/2</link><guid>o2</guid><pubDate>$now_plus</pubDate></item>
</channel></rss>
XML
sitrep refresh --quiet --force odd
sitrep list --json feed:odd >"$T/odd.json"
expect_eq "the later arrival is on top" "$(pyjson 'j[0]["title"]' "$T/odd.json")" "A second ago, arrived later"
expect_eq "undated: null in JSON" "$(pyjson '[a["published"] for a in j if a["title"] == "No date at all"][0]' "$T/odd.json")" None
sitrep list feed:odd >"$T/odd.txt"
grep "No date at all" "$T/odd.txt" | grep -q " undated " || fail "undated not said in list: $(cat "$T/odd.txt")"
undated=$(pyjson '[a["id"] for a in j if a["title"] == "No date at all"][0]' "$T/odd.json")
sitrep show "$undated" >"$T/show.txt"
expect_contains "show: undated" "$T/show.txt" "Date:     undated, first seen "
sitrep show "$one" >"$T/show1.txt"
grep -q "^Date:     [0-9-]* [0-9:]* UTC$" "$T/show1.txt" || fail "show's date has no zone: $(grep Date: "$T/show1.txt")"

note "a bulk mark says how to undo exactly what it changed"
ids=$(pyjson '" ".join(str(a["id"]) for a in j[:3])' "$T/wire.json")
first=$(pyjson 'j[0]["id"]' "$T/wire.json")
sitrep mark "$first" read
# shellcheck disable=SC2086
sitrep mark $ids read 2>"$T/err"
rest=$(pyjson '" ".join(str(a["id"]) for a in j[1:3])' "$T/wire.json")
expect_contains "the undo line" "$T/err" "sitrep mark: 2 articles changed; to undo: sitrep mark $rest unread"

note "errors: every line starts with sitrep:, [ui] mistakes do not stop list"
cp "$T/config.ini" "$T/bad.ini"
printf '[general]\nrefresh_minutes = 0\ntimeout = x\nbogus = 1\n' >>"$T/bad.ini"
if "$SITREP_BIN" --config "$T/bad.ini" --cache "$T/cache.db" list 2>"$T/err"; then fail "a bad [general] passed"; fi
[ "$(wc -l <"$T/err")" -ge 3 ] || fail "not every error reported: $(cat "$T/err")"
! grep -v '^sitrep: ' "$T/err" || fail "an error line without 'sitrep:'"
expect_contains "warnings are said so" "$T/err" "sitrep: warning: $T/bad.ini: [general] unknown key 'bogus'"
cp "$T/config.ini" "$T/ui.ini"
printf '[ui]\nlayout = colums\n' >>"$T/ui.ini"
"$SITREP_BIN" --config "$T/ui.ini" --cache "$T/cache.db" list --count >/dev/null 2>"$T/err" ||
	fail "a bad [ui] value stopped list: $(cat "$T/err")"
expect_contains "did you mean" "$T/err" "sitrep: warning: $T/ui.ini: [ui] layout = 'colums': expected one of auto, columns, stacked or single; did you mean 'columns'? (the interface will not start until it is fixed)"
if env SITREP_UI_EXIT_AFTER_DRAW=1 TERM=xterm "$SITREP_BIN" --config "$T/ui.ini" \
	--cache "$T/cache.db" </dev/null >/dev/null 2>"$T/err"; then
	fail "the interface started with a bad [ui] value"
fi
expect_contains "the interface refuses it" "$T/err" "sitrep: $T/ui.ini: [ui] layout = 'colums'"
printf '[keys]\nnext = j\nbogus = x\n' >>"$T/ui.ini"
sed -i 's/^layout = colums$//' "$T/ui.ini"
if env SITREP_UI_EXIT_AFTER_DRAW=1 TERM=xterm "$SITREP_BIN" --config "$T/ui.ini" \
	--cache "$T/cache.db" </dev/null >/dev/null 2>"$T/err"; then
	fail "the interface started with unknown actions"
fi
[ "$(wc -l <"$T/err")" -eq 2 ] || fail "two errors expected: $(cat "$T/err")"
! grep -v '^sitrep: ' "$T/err" || fail "an interface error line without 'sitrep:'"

note "a gone feed says it stops, and shows no next try"
start_server web "$T/feeds"
printf '[feed:gone]\nurl = http://127.0.0.1:%s/x/status/410\n' "$web_PORT" >>"$T/config.ini"
sitrep refresh gone 2>"$T/err" || true
expect_contains "410" "$T/err" "sitrep: feed gone failed: HTTP 410 Gone: the feed was removed; sitrep stops fetching it (sitrep refresh --force gone tries again)"
expect_not_contains "no next try for a gone feed" "$T/err" "next try"
