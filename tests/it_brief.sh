#!/bin/sh
# `sitrep brief` on an ISMG-style feed (the seed fixtures when ../shared is
# there, the project's own synthetic one always): by country the US-Japan
# article is listed once, under Japan, and cross-referenced from the United
# States; by topic once under its first ISMG section and cross-referenced
# from the others; the Markdown has its headings and links, the HTML passes
# xmllint --html, the text is wrapped at 72 columns; a hostile title is
# inert in all three; -o, --tag-briefed then -tag:briefed-*, the 24-hour
# default, user templates and their errors.  Then articles to other tools:
# `show` of several ids, from stdin and as JSON, and `list --json`.
. "$SITREP_TOP/tests/lib.sh"
fx="$SITREP_TOP/tests/fixtures/brief"
mkdir -p "$T/feeds"
cp "$fx/ismg.rss" "$fx/hostile.rss" "$T/feeds/"

write_config() { # FEED-URL
	cat >"$T/config.ini" <<EOF
[general]
keep_days = 0

[feed:ismg]
url = $1
title = GovRisk Today

[feed:hostile]
url = file://$T/feeds/hostile.rss

[topic:nation-state]
label = Cyberwarfare and nation-state attacks
categories = Cyberwarfare / Nation-State Attacks

[topic:cybercrime]
label = Fraud and cybercrime
categories = Fraud Management & Cybercrime, *Fraud*

[topic:governance]
label = Governance and risk management
categories = Governance & Risk Management

[topic:ransomware]
label = Ransomware
categories = Ransomware

[view:asia]
label = Asia
query = region:east-asia
EOF
}

# check_brief TITLE-START: the grouping assertions on $T/country.md, topic.md
check_grouping() {
	t=$1
	note "by country: '$t' once, under Japan, cross-referenced"
	sitrep brief --since all --group-by country >"$T/country.md" 2>"$T/err" || fail "brief: $(cat "$T/err")"
	expect_eq "listed once" "$(grep -c "^### [0-9]*\. \[$t" "$T/country.md")" 1
	awk '/^## /{g=$0} /^### [0-9]+\. \['"$t"'/{print g}' "$T/country.md" >"$T/where"
	expect_eq "under Japan" "$(sed 's/ (.*//' "$T/where")" "## Japan"
	awk '/^## United States/{p=1; next} /^## /{p=0} p' "$T/country.md" >"$T/us"
	grep -q "^- No\. [0-9]*, \[$t.*(under Japan)$" "$T/us" || fail "no cross-reference under the United States: $(cat "$T/us")"
	grep -q "^- Also under: .*United States" "$T/country.md" || fail "no 'Also under' United States"

	note "by topic: under its first ISMG section, referenced from the others"
	sitrep brief --since all >"$T/topic.md" || fail "brief by topic"
	awk '/^## /{g=$0} /^### [0-9]+\. \['"$t"'/{print g}' "$T/topic.md" >"$T/where"
	expect_eq "first section" "$(sed 's/ (.*//' "$T/where")" "## Cyberwarfare and nation-state attacks"
	for sec in "Fraud and cybercrime" "Governance and risk management"; do
		awk '/^## '"$sec"'/{p=1; next} /^## /{p=0} p' "$T/topic.md" >"$T/sec"
		grep -q "^- No\. [0-9]*, \[$t.*(under Cyberwarfare and nation-state attacks)$" "$T/sec" ||
			fail "not referenced from $sec: $(cat "$T/sec")"
	done
	expect_eq "once by topic" "$(grep -c "^### [0-9]*\. \[$t" "$T/topic.md")" 1
}

write_config "file://$T/feeds/ismg.rss"
sitrep refresh --quiet || fail "refresh"
check_grouping "US and Japan Widen Cyber Defense Pact"

note "the Markdown: headings, the header's counts, links, an excerpt"
f=$T/topic.md
expect_contains "title" "$f" "# Briefing for "
expect_contains "header counts" "$f" "- **Topics:** Cyberwarfare and nation-state attacks (2), Fraud and cybercrime (2), Governance and risk management (2), Ransomware (1)"
expect_contains "countries" "$f" "- **Countries:** "
expect_contains "link" "$f" "[US and Japan Widen Cyber Defense Pact Amid Regional Tension](https://www.govrisk.example/us-japan-widen-cyber-defense-pact-a-10001)"
expect_contains "source line" "$f" "*GovRisk Today, 2026-12-02 15:15, Dana Whitfield*"
expect_contains "excerpt" "$f" "Officials from the U.S. and Japan agreed on Tuesday to share more threat intelligence. The agreement covers critical networks on both sides."
expect_not_contains "three sentences" "$f" "Dr. Ono"
sitrep brief --since all --excerpt 0 >"$T/noex.md"
expect_not_contains "--excerpt 0" "$T/noex.md" "Officials from the U.S."
sitrep brief --since all --full >"$T/full.md"
expect_contains "--full" "$T/full.md" "Dr. Ono called it overdue."
sitrep brief --since all --title "Monday desk" --group-by feed >"$T/feed.md"
expect_contains "--title" "$T/feed.md" "# Monday desk"
expect_contains "by feed" "$T/feed.md" "## GovRisk Today (4)"
sitrep brief --view asia --since all --group-by none >"$T/view.md"
expect_contains "--view" "$T/view.md" "Query: region:east-asia"
expect_not_contains "--view filters" "$T/view.md" "Brussels"

note "HTML: one self-contained page that passes xmllint --html"
sitrep brief --since all --group-by country -o "$T/brief.html" 2>"$T/err" || fail "html: $(cat "$T/err")"
expect_contains "wrote" "$T/err" "sitrep brief: wrote 5 articles to $T/brief.html"
xmllint --html --noout "$T/brief.html" 2>"$T/xmllint" || fail "xmllint failed: $(cat "$T/xmllint")"
[ -s "$T/xmllint" ] && fail "xmllint complains: $(cat "$T/xmllint")"
expect_contains "inline css" "$T/brief.html" "<style>"
expect_contains "dark" "$T/brief.html" "prefers-color-scheme: dark"
expect_contains "print" "$T/brief.html" "@media print"
expect_not_contains "self-contained" "$T/brief.html" "<link "
expect_not_contains "no script" "$T/brief.html" "<script"
expect_contains "cross-reference anchor" "$T/brief.html" '<li><a href="#a'

note "text: 72 columns by display width"
sitrep brief --since all --format txt >"$T/brief.txt"
python3 - "$T/brief.txt" <<'EOF' || fail "text too wide"
import sys, unicodedata
bad = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    # a link is never cut: it may stand alone on a longer line
    if cols > 72 and not (line.strip().startswith("https://") and " " not in line.strip()):
        bad.append(line)
if bad:
    print("\n".join(bad))
    sys.exit(1)
EOF
grep -q '^   Officials from the U.S. and Japan agreed on Tuesday to share more$' "$T/brief.txt" ||
	fail "the excerpt is not wrapped under its item: $(cat "$T/brief.txt")"

note "a hostile title is inert in all three formats"
for fmt in md html txt; do
	sitrep brief --since all --format "$fmt" --group-by none >"$T/h.$fmt"
	python3 - "$T/h.$fmt" "$fmt" <<'EOF' || fail "hostile $fmt"
import sys
data = open(sys.argv[1], "rb").read()
fmt = sys.argv[2]
for bad in (b"\x1b", b"\x07", b"\xc2\x9b", b"\xe2\x80\xae", b"javascript:alert(document"):
    assert bad not in data, (fmt, bad)
text = data.decode()
if fmt == "md":
    assert text.count("<script") == text.count("\\<script"), "raw <script"
    assert "\\[x\\](http://evil)" in text
    assert text.count("](javascript:") == text.count("\\](javascript:")
    assert "\\*bold\\* \\`code\\`" in text
    assert "\n\\# Not a heading." in text
    assert "[Evil" not in text, "the javascript: link became a link"
elif fmt == "html":
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert 'href="javascript' not in text
else:
    assert "<script>alert(1)</script>" in text
EOF
done
xmllint --html --noout "$T/h.html" 2>"$T/xmllint" || fail "hostile html invalid"
[ -s "$T/xmllint" ] && fail "xmllint: $(cat "$T/xmllint")"

note "--tag-briefed, then -tag:briefed-* leaves them out"
sitrep brief --since all --tag-briefed -o "$T/b.md" 2>"$T/err" || fail "tag-briefed: $(cat "$T/err")"
day=$(date +%Y-%m-%d)
expect_contains "tagged" "$T/err" "tagged 5 articles briefed-$day"
expect_eq "tag count" "$(sitrep list "tag:briefed-$day" --count)" "5 articles, 5 unread"
sitrep brief --since all -tag:briefed-* >"$T/next.md" 2>"$T/err"
expect_contains "nothing left" "$T/next.md" "No articles in this period."
expect_contains "says so" "$T/err" "no articles matched"

note "the default: unread articles of the last 24 hours"
now=$(date -u +%s)
python3 - "$fx/ismg.rss" "$T/feeds/recent.rss" "$now" <<'EOF'
import sys, email.utils
src, dst, now = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(src).read().replace("govrisk-a-", "recent-a-")
dates = ["Wed, 02 Dec 2026 10:15:00 -0500", "Wed, 02 Dec 2026 08:40:00 -0500",
    "Tue, 01 Dec 2026 14:00:00 +0100", "Tue, 01 Dec 2026 21:30:00 +1100"]
for d, back in zip(dates, (3600, 7200, 3 * 86400, 5 * 86400)):
    text = text.replace(d, email.utils.formatdate(now - back, usegmt=True))
open(dst, "w").write(text)
EOF
cat >>"$T/config.ini" <<EOF

[feed:recent]
url = file://$T/feeds/recent.rss
EOF
sitrep refresh --quiet recent || fail "refresh recent"
sitrep mark "$(sitrep list feed:recent 'North Korean' --tsv | awk -F'\t' 'NR == 2 { print $1 }')" read
sitrep brief --group-by none >"$T/default.md"
expect_eq "default count" "$(grep -c '^### ' "$T/default.md")" 1
expect_contains "the recent unread one" "$T/default.md" "US and Japan Widen"
sitrep brief --since 7d 'feed:recent' --group-by none >"$T/week.md"
expect_eq "7 days, read too" "$(grep -c '^### ' "$T/week.md")" 4
sitrep brief --since 2d 'feed:recent' --group-by none >"$T/2d.md"
expect_eq "2 days" "$(grep -c '^### ' "$T/2d.md")" 2

note "a user's template wins; a broken one is an error with its line"
mkdir -p "$HOME/.config/sitrep/templates"
printf '%s\n' '{{title}}: {{count}}' '{{#groups}}' '* {{label}}' '{{/groups}}' >"$HOME/.config/sitrep/templates/brief.md"
sitrep brief --since all --group-by none --title Mine >"$T/mine.md"
expect_eq "user template" "$(cat "$T/mine.md")" "Mine: 8
* Articles"
printf 'ok\n{{#groups}}\n{{titel}}\n' >"$HOME/.config/sitrep/templates/brief.md"
rc=0
sitrep brief --since all >"$T/out" 2>"$T/err" || rc=$?
expect_eq "bad template: exit" "$rc" 2
expect_contains "bad template" "$T/err" "sitrep brief: $HOME/.config/sitrep/templates/brief.md:3: unknown name 'titel' in a group"
rm -r "$HOME/.config/sitrep/templates"

note "usage errors say what is accepted"
for args in "--format pdf|'pdf' is not one of md, html, txt" \
	"--group-by author|'author' is not one of topic, country, region, feed, none" \
	"--since soon|--since 'soon' is not a duration" \
	"contry:JP|query: unknown field 'contry' at 1:1" \
	"--view nope|no [view:nope] in the config" \
	"--excerpt many|--excerpt 'many' is not a whole number"; do
	a=${args%%|*}
	want=${args#*|}
	rc=0
	# shellcheck disable=SC2086
	sitrep brief $a >/dev/null 2>"$T/err" || rc=$?
	expect_eq "$a: exit" "$rc" 2
	expect_contains "$a" "$T/err" "$want"
done
rc=0
sitrep brief --since all -o "$T/no/such/dir/b.md" 2>"$T/err" || rc=$?
expect_eq "unwritable: exit" "$rc" 1
expect_contains "unwritable" "$T/err" "sitrep brief: cannot write $T/no/such/dir/b.md"

note "articles to other tools: show ID..., show -, --json; list --json"
sitrep list feed:ismg --tsv >"$T/ids.tsv"
id1=$(awk -F'\t' 'NR == 2 { print $1 }' "$T/ids.tsv")
id2=$(awk -F'\t' 'NR == 3 { print $1 }' "$T/ids.tsv")
sitrep show "$id1" "$id2" --width 72 >"$T/two.txt" || fail "show two"
expect_eq "two articles" "$(grep -c '^Title:' "$T/two.txt")" 2
expect_contains "a rule between" "$T/two.txt" "────────"
sitrep show - --json <"$T/ids.tsv" >"$T/all.json" || fail "show -"
expect_eq "from stdin" "$(pyjson 'len(j)' "$T/all.json")" 4
expect_eq "json fields" "$(pyjson 'sorted(j[0].keys())' "$T/all.json")" \
	'["author", "categories", "content_html", "countries", "dismissed", "enclosures", "feed", "feed_title", "first_seen", "fulltext", "fulltext_html", "guid", "id", "published", "read", "regions", "starred", "summary", "summary_html", "tags", "text", "thumbnail", "title", "topics", "updated", "url"]'
rc=0
sitrep show "$id1" 999999 >/dev/null 2>"$T/err" || rc=$?
expect_eq "missing id: exit" "$rc" 1
expect_contains "missing id" "$T/err" "no article 999999 in the cache"
sitrep list feed:ismg --json >"$T/list.json"
expect_eq "list json" "$(pyjson '[a for a in j if a["title"].startswith("US and Japan")][0]["feed_title"]' "$T/list.json")" "GovRisk Today"
expect_eq "list summary" "$(pyjson '[a for a in j if a["title"].startswith("US and Japan")][0]["summary"]' "$T/list.json")" \
	"Pledge Follows Talks on Chinese Military Pressure
Officials from the U.S. and Japan agreed on Tuesday to share more threat intelligence. The agreement covers critical networks on both sides. Dr. Ono called it overdue."
expect_eq "list guid" "$(pyjson '[a["guid"] for a in j if a["title"].startswith("US and Japan")][0]' "$T/list.json")" "govrisk-a-10001"
expect_eq "list fulltext" "$(pyjson 'j[0]["fulltext"]' "$T/list.json")" "None"
if [ -n "${SITREP_SHARED_FIXTURES:-}" ] &&
	[ -f "$SITREP_SHARED_FIXTURES/seed/ismg_inforisktoday.rss" ]; then
	note "the seed fixtures"
	rm -f "$T/cache.db" "$T/cache.db-wal" "$T/cache.db-shm"
	write_config "file://$SITREP_SHARED_FIXTURES/seed/ismg_inforisktoday.rss"
	sitrep refresh --quiet ismg || fail "seed refresh"
	check_grouping "US and Japan Pledge Deepened Cyberspace Collaboration"
	expect_contains "seed link" "$T/country.md" "[US and Japan Pledge Deepened Cyberspace Collaboration](https://www.inforisktoday.in/us-japan-pledge-deepened-cyberspace-collaboration-a-00001)"
	sitrep brief --since all --format html -o "$T/seed.html" 2>/dev/null
	xmllint --html --noout "$T/seed.html" 2>"$T/xmllint" || fail "seed html"
	[ -s "$T/xmllint" ] && fail "seed xmllint: $(cat "$T/xmllint")"
else
	note "seed skipped (SITREP_SHARED_FIXTURES unset)"
fi

echo ok
