#!/bin/sh
# Queries, tags, marks, facets and reclassification through the binary:
# local feeds (file:// URLs), then `sitrep list QUERY`, `tag`, `mark`,
# `topics|countries|tags`, `reclassify` after a config change, and state
# that survives a refresh and a reclassification.  The seed article's
# countries come out of the whole pipeline when the shared fixtures exist.
. "$SITREP_TOP/tests/lib.sh"
fx="$SITREP_TOP/tests/fixtures/http"
mkdir -p "$T/feeds"
cp "$fx/world.xml" "$fx/advisories.xml" "$T/feeds/"

write_config() {
	cat >"$T/config.ini" <<EOF
[general]
keep_days = 0

[feed:world]
url = file://$T/feeds/world.xml

[feed:advisories]
url = file://$T/feeds/advisories.xml

[topic:nation-state]
label = Nation-state
categories = *Nation-State*
keywords = state-sponsored, state-backed

[topic:military]
label = Military
keywords = troops, military, drills

[topic:vulnerabilities]
label = Vulnerabilities
keywords = exploitation, security updates, authentication bypass

[view:japan]
label = Japan, unread
query = unread country:JP
EOF
}

# ids "TITLE-PREFIX" FILE: the id of the article whose title starts so
id_of() {
	pyjson "[a['id'] for a in j if a['title'].startswith('$1')][0]" "$2"
}

write_config
note "refresh classifies"
sitrep refresh --quiet || fail "refresh failed"
sitrep list --count >"$T/count" || fail "list --count"
expect_eq "count" "$(cat "$T/count")" "6 articles, 6 unread"
sitrep list --count --json >"$T/count.json"
expect_eq "count json" "$(pyjson 'j["total"]' "$T/count.json")" 6

note "sitrep list country:JP --json"
sitrep list country:JP --json >"$T/jp.json" || fail "list country:JP"
expect_eq "Japan articles" "$(pyjson 'len(j)' "$T/jp.json")" 1
expect_eq "Japan title" "$(pyjson 'j[0]["title"]' "$T/jp.json")" \
	"Japan and Philippines sign reciprocal access agreement"
expect_eq "its countries" "$(pyjson 'j[0]["countries"]' "$T/jp.json")" \
	'["CN", "JP", "PH"]'
expect_eq "its topics" "$(pyjson 'j[0]["topics"]' "$T/jp.json")" '["military"]'
expect_eq "its tags" "$(pyjson 'j[0]["tags"]' "$T/jp.json")" '[]'
sitrep list country:japan --json >"$T/jp2.json"
expect_eq "country by name" "$(pyjson 'len(j)' "$T/jp2.json")" 1
sitrep list country:China --json >"$T/cn.json"
expect_eq "China: named, and the PRC" "$(pyjson 'sorted(a["title"][:5] for a in j)' "$T/cn.json")" \
	'["Japan", "Joint"]'
sitrep list region:oceania --json >"$T/oceania.json"
expect_eq "a region through its members" "$(pyjson 'len(j)' "$T/oceania.json")" 1
sitrep list region:five-eyes --json >"$T/fvey.json"
expect_eq "a grouping only when named" "$(pyjson 'len(j)' "$T/fvey.json")" 0
sitrep list topic:nation-state --json >"$T/ns.json"
expect_eq "topic from a category" "$(pyjson 'j[0]["title"][:14]' "$T/ns.json")" "Joint Advisory"
sitrep list -topic:military feed:world --json >"$T/neg.json" || fail "a -term as an argument"
expect_eq "negation" "$(pyjson 'len(j)' "$T/neg.json")" 2
sitrep list '"security updates"' OR scalance --json >"$T/fts.json"
expect_eq "phrase OR word" "$(pyjson 'len(j)' "$T/fts.json")" 2
sitrep list --tsv topic:vulnerabilities >"$T/l.tsv"
expect_eq "tsv header" "$(head -1 "$T/l.tsv")" \
	"$(printf 'id\tfeed\tpublished\tread\tstarred\ttags\ttitle\turl\ttopics\tcountries')"
expect_eq "tsv rows" "$(($(wc -l <"$T/l.tsv") - 1))" 2

note "query errors: position and suggestion, exit 2"
rc=0
sitrep list contry:JP >"$T/out" 2>"$T/err" || rc=$?
expect_eq "bad field exit" "$rc" 2
expect_eq "bad field message" "$(cat "$T/err")" \
	"sitrep list: query: unknown field 'contry' at 1:1 — did you mean 'country'?"
rc=0
sitrep list unread topic:militray 2>"$T/err" || rc=$?
expect_eq "bad topic exit" "$rc" 2
expect_contains "bad topic message" "$T/err" "did you mean 'military'?"

note "tag round trip"
sitrep list --json >"$T/all.json"
adv=$(id_of "Joint Advisory" "$T/all.json")
ms=$(id_of "Microsoft" "$T/all.json")
jp=$(id_of "Japan" "$T/all.json")
sitrep tag "$adv" "$ms" +brief +todo || fail "tag"
sitrep tag "$ms" -todo || fail "untag"
sitrep list tag:brief --json >"$T/brief.json"
expect_eq "tagged" "$(pyjson 'len(j)' "$T/brief.json")" 2
sitrep list tag:todo --json >"$T/todo.json"
expect_eq "untagged" "$(pyjson '[a["id"] for a in j]' "$T/todo.json")" "[$adv]"
rc=0
sitrep tag 99999 "$adv" +later 2>"$T/err" || rc=$?
expect_eq "unknown id exit" "$rc" 1
expect_contains "unknown id named" "$T/err" "no article 99999"
sitrep list tag:later --json >"$T/later.json"
expect_eq "the known id was tagged" "$(pyjson 'len(j)' "$T/later.json")" 1
rc=0
sitrep tag "$adv" '+no spaces' 2>"$T/err" || rc=$?
expect_eq "bad tag name exit" "$rc" 2

note "mark round trip"
sitrep mark "$adv" read star || fail "mark"
sitrep list read --json >"$T/read.json"
expect_eq "read" "$(pyjson '[a["id"] for a in j]' "$T/read.json")" "[$adv]"
sitrep list starred --json >"$T/star.json"
expect_eq "starred" "$(pyjson '[a["id"] for a in j]' "$T/star.json")" "[$adv]"
sitrep mark "$ms" dismiss || fail "dismiss"
sitrep list --count >"$T/count"
expect_eq "dismissed leave the list" "$(cat "$T/count")" "5 articles, 4 unread"
sitrep list dismissed --json >"$T/dis.json"
expect_eq "dismissed on request" "$(pyjson '[a["id"] for a in j]' "$T/dis.json")" "[$ms]"
rc=0
sitrep mark "$adv" raed 2>"$T/err" || rc=$?
expect_eq "bad action exit" "$rc" 2
expect_contains "bad action suggestion" "$T/err" "did you mean 'read'?"
rc=0
sitrep mark 99999 read 2>"$T/err" || rc=$?
expect_eq "unknown article exit" "$rc" 1

note "topics, countries, regions, tags"
sitrep topics --json >"$T/topics.json" || fail "topics"
expect_eq "every topic" "$(pyjson '[t["key"] for t in j]' "$T/topics.json")" \
	'["military", "nation-state", "vulnerabilities"]'
expect_eq "topic counts" "$(pyjson '[[t["total"], t["unread"]] for t in j if t["key"] == "nation-state"][0]' "$T/topics.json")" \
	'[1, 0]'
expect_eq "14 days" "$(pyjson 'len(j[0]["per_day"])' "$T/topics.json")" 14
sitrep topics >"$T/topics.txt"
expect_contains "topics text" "$T/topics.txt" "Vulnerabilities"
sitrep countries --json >"$T/countries.json" || fail "countries"
expect_eq "Japan counted" "$(pyjson '[[c["label"], c["total"]] for c in j if c["key"] == "JP"][0]' "$T/countries.json")" \
	'["Japan", 1]'
sitrep countries --regions --json >"$T/regions.json" || fail "regions"
expect_eq "East Asia" "$(pyjson '[c["total"] for c in j if c["key"] == "east-asia"][0]' "$T/regions.json")" 2
sitrep tags --json >"$T/tags.json" || fail "tags"
expect_eq "tags" "$(pyjson '[[t["key"], t["total"]] for t in j]' "$T/tags.json")" \
	'[["brief", 1], ["later", 1], ["todo", 1]]'

note "state survives a refresh that updates the article"
sed 's/co-sealed this advisory/co-sealed this joint advisory/' "$fx/advisories.xml" \
	>"$T/feeds/advisories.xml"
sitrep refresh --force --quiet || fail "second refresh"
sitrep list --json dismissed OR -dismissed >"$T/after.json"
expect_eq "no duplicates" "$(pyjson 'len(j)' "$T/after.json")" 6
expect_eq "state kept" "$(pyjson "[[a['read'], a['starred'], a['tags']] for a in j if a['id'] == $adv][0]" "$T/after.json")" \
	'[true, true, ["brief", "later", "todo"]]'
expect_eq "dismissed kept" "$(pyjson "[a['dismissed'] for a in j if a['id'] == $ms][0]" "$T/after.json")" True

note "reclassify after a config change"
write_config
cat >>"$T/config.ini" <<EOF

[topic:telecom]
label = Telecommunications
keywords = telecommunications, telecom*
EOF
sitrep list topic:telecom --json >"$T/tel0.json"
expect_eq "not filed before" "$(pyjson 'len(j)' "$T/tel0.json")" 0
sitrep reclassify 2>"$T/err" || fail "reclassify: $(cat "$T/err")"
expect_contains "reclassify says" "$T/err" "6 articles, 1 changed"
sitrep list topic:telecom --json >"$T/tel.json"
expect_eq "filed after" "$(pyjson '[a["id"] for a in j]' "$T/tel.json")" "[$adv]"
expect_eq "state kept by reclassify" "$(pyjson '[[a["read"], a["starred"], a["tags"], a["topics"]] for a in j][0]' "$T/tel.json")" \
	'[true, true, ["brief", "later", "todo"], ["nation-state", "telecom"]]'
sitrep reclassify --quiet 2>"$T/err" || fail "second reclassify"
[ -s "$T/err" ] && fail "reclassify --quiet printed: $(cat "$T/err")"

note "a bad rule is a config error (exit 2)"
cat >>"$T/config.ini" <<EOF

[topic:broken]
regex = (apt
EOF
for cmd in "list" "refresh" "reclassify" "topics"; do
	rc=0
	sitrep $cmd >/dev/null 2>"$T/err" || rc=$?
	expect_eq "$cmd with a bad rule" "$rc" 2
	expect_contains "$cmd names the topic" "$T/err" "[topic:broken]"
done

note "a bad view query is a warning"
write_config
cat >>"$T/config.ini" <<EOF

[view:typo]
query = contry:JP
EOF
sitrep list --count >"$T/out" 2>"$T/err" || fail "a bad view stopped list"
expect_contains "view warning" "$T/err" "[view:typo] query: unknown field 'contry'"

if [ -n "${SITREP_SHARED_FIXTURES:-}" ] &&
	[ -f "$SITREP_SHARED_FIXTURES/seed/ismg_inforisktoday.rss" ]; then
	note "the seed article through refresh"
	write_config
	cat >>"$T/config.ini" <<EOF

[feed:seed]
url = file://$SITREP_SHARED_FIXTURES/seed/ismg_inforisktoday.rss
EOF
	sitrep refresh --quiet seed || fail "seed refresh"
	sitrep list feed:seed --json >"$T/seed.json"
	expect_eq "seed articles" "$(pyjson 'len(j)' "$T/seed.json")" 6
	expect_eq "seed countries" "$(pyjson '[a["countries"] for a in j if a["title"].startswith("US and Japan")][0]' "$T/seed.json")" \
		'["CN", "JP", "US"]'
	expect_eq "seed topic" "$(pyjson '[a["topics"] for a in j if a["title"].startswith("US and Japan")][0]' "$T/seed.json")" \
		'["military", "nation-state"]'
else
	note "seed skipped (SITREP_SHARED_FIXTURES unset)"
fi
echo ok
