#!/usr/bin/env python3
"""gen_feeds.py - deterministic synthetic feeds for sitrep's benchmarks.

  gen_feeds.py feeds --out DIR --feeds 200 --items 50 [--base-url URL]
      DIR/feed-NNN.xml (RSS 2.0, every fourth one Atom 1.0) and DIR/urls.txt
  gen_feeds.py big --out FILE --size-mb 80 [--format rss|atom]
      one large feed for parser and ingest throughput

Items are shaped like a security and world-news desk's: headline-length
titles, HTML descriptions of 1-3 KB, full content on a third of the items,
one to four section categories, bylines, dates in assorted zones and formats,
and a share of Japanese, Chinese, Russian and accented text.  Output depends
only on the arguments (a seeded RNG per feed).
"""
import argparse
import os
import random
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

NOW = datetime(2026, 11, 1, 12, 0, 0, tzinfo=timezone.utc)

# Everyday words of news copy, and each beat's own vocabulary: an item
# keeps to one beat, as a real story does, so topic rules match it the way
# they match wire copy rather than every keyword at once.
WORDS = """the of and to in is that for it as was with be by on not he this are
or his from at which but have an they you were her she there been one all we
their has would when if so no will more out up into do any your what some can
about than them only other new time could these two may first then like its
over such our man me even most made after also did many before must through
back years where much your way well down should because each just those people
said officials ministry agency statement week month plans talks report public
government team project system data service platform network policy review
group company city region border trade market energy people leaders meeting
""".split()
BEATS = [
    """ransomware extortion affiliates leak site decryptor ransom payment
    negotiators backups outage""".split(),
    """phishing fraud scam credentials account takeover money laundering
    crypto theft heist""".split(),
    """vulnerability patch exploit zero-day advisory firmware update
    researchers disclosure CVE""".split(),
    """election voters ballots campaign disinformation polls candidates
    commission""".split(),
    """sanctions export controls tariffs embargo treasury designations
    semiconductor""".split(),
    """military navy drills missile launch coast guard strait exercises
    troops""".split(),
    """espionage intelligence state-sponsored hackers attribution spies
    surveillance""".split(),
    """diplomats summit treaty ambassador foreign minister envoy talks
    communique""".split(),
]
PLACES = """Japan China Taiwan Philippines Vietnam India Pakistan Iran Israel
Ukraine Russia Poland Germany France Britain Brazil Mexico Canada Australia
Nigeria Kenya Egypt Turkey Indonesia Singapore Korea""".split()
JA = "東京 政府 発表 サイバー 攻撃 安全保障 防衛 会合 外相 協議 経済 制裁 情報".split()
ZH = "北京 政府 网络 安全 攻击 国防 外交 会谈 经济 制裁 数据 技术".split()
RU = "Киев Москва правительство кибератака безопасность оборона переговоры санкции".split()
SECTIONS = ["Cyberwarfare / Nation-State Attacks", "Fraud Management & Cybercrime",
            "Governance & Risk Management", "Ransomware",
            "Critical Infrastructure Security", "Standards, Regulations & Compliance",
            "Elections", "Diplomacy", "Military", "Vulnerabilities", "Asia", "Europe"]
AUTHORS = ["Mihir Bagwe", "Akshaya Asokan", "Jayant Chakravarti", "Rashmi Ramesh",
           "Chris Riotta", "Marianne Kolbasuk McGee", "Desk Staff", "Wire Reporter"]
ZONES = ["+0000", "GMT", "-0500", "-0400", "+0100", "+0200", "+0530", "+0900",
         "EST", "PDT", "CEST", "+1100"]


def sentence(rng, n=None, beat=None):
    n = n or rng.randint(8, 22)
    beat = beat or rng.choice(BEATS)
    words = []
    for _ in range(n):
        r = rng.random()
        # about one word in a hundred names a place: a 300-word summary
        # names two or three, as wire copy does
        if r < 0.01:
            words.append(rng.choice(PLACES))
        elif r < 0.04:
            words.append(rng.choice(JA + ZH + RU))
        elif r < 0.12:
            words.append(rng.choice(beat))
        else:
            words.append(rng.choice(WORDS))
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def paragraph(rng, size, beat=None):
    out = []
    while sum(len(s) for s in out) < size:
        out.append(sentence(rng, beat=beat))
    return " ".join(out)


def html_body(rng, size, beat=None):
    parts = []
    while sum(len(p) for p in parts) < size:
        p = paragraph(rng, rng.randint(200, 600), beat)
        if rng.random() < 0.3:
            p = p.replace(" ", ' <a href="http://127.0.0.1/ref/%d">source</a> '
                          % rng.randint(1, 99999), 1)
        if rng.random() < 0.2:
            p = "<strong>" + p[:40] + "</strong>" + p[40:]
        parts.append("<p>" + p + "</p>")
    return "".join(parts)


def rfc822(rng, dt):
    zone = rng.choice(ZONES)
    offsets = {"GMT": 0, "EST": -300, "PDT": -420, "CEST": 120}
    if zone in offsets:
        mins = offsets[zone]
    else:
        sign = -1 if zone[0] == "-" else 1
        mins = sign * (int(zone[1:3]) * 60 + int(zone[3:5]))
    local = dt + timedelta(minutes=mins)
    return local.strftime("%a, %d %b %Y %H:%M:%S ") + zone


def item(rng, feed_no, i, atom):
    dt = NOW - timedelta(minutes=feed_no * 7 + i * 53 + rng.randint(0, 30))
    beat = rng.choice(BEATS)
    title = sentence(rng, rng.randint(7, 13), beat)[:-1]
    link = "http://127.0.0.1/site/%d/article-%d" % (feed_no, i)
    desc = html_body(rng, rng.randint(1000, 3000), beat)
    content = html_body(rng, rng.randint(3000, 8000), beat) if rng.random() < 0.33 else None
    cats = rng.sample(SECTIONS, rng.randint(1, 4))
    author = rng.choice(AUTHORS)
    if atom:
        x = ["<entry>", "<title>%s</title>" % escape(title),
             '<link rel="alternate" href="%s"/>' % link,
             "<id>urn:sitrep-bench:%d:%d</id>" % (feed_no, i),
             "<published>%s</published>" % dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
             "<updated>%s</updated>" % dt.strftime("%Y-%m-%dT%H:%M:%SZ"),
             "<author><name>%s</name></author>" % escape(author)]
        x += ['<category term="%s"/>' % escape(c, {'"': "&quot;"}) for c in cats]
        x.append('<summary type="html">%s</summary>' % escape(desc))
        if content:
            x.append('<content type="html">%s</content>' % escape(content))
        x.append("</entry>")
    else:
        x = ["<item>", "<title>%s</title>" % escape(title), "<link>%s</link>" % link,
             '<guid isPermaLink="false">bench-%d-%d</guid>' % (feed_no, i),
             "<pubDate>%s</pubDate>" % rfc822(rng, dt),
             "<dc:creator>%s</dc:creator>" % escape(author)]
        x += ["<category>%s</category>" % escape(c) for c in cats]
        if rng.random() < 0.5:
            x.append("<description><![CDATA[%s]]></description>" % desc)
        else:
            x.append("<description>%s</description>" % escape(desc))
        if content:
            x.append("<content:encoded><![CDATA[%s]]></content:encoded>" % content)
        if rng.random() < 0.05:
            x.append('<enclosure url="http://127.0.0.1/media/%d-%d.mp3" '
                     'type="audio/mpeg" length="%d"/>' % (feed_no, i, rng.randint(10**5, 10**8)))
        x.append("</item>")
    return "\n".join(x) + "\n"


def head(feed_no, atom, title):
    if atom:
        return ('<?xml version="1.0" encoding="utf-8"?>\n'
                '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
                "<title>%s</title>\n<id>urn:sitrep-bench:%d</id>\n"
                '<link rel="alternate" href="http://127.0.0.1/site/%d/"/>\n'
                "<updated>%s</updated>\n" % (escape(title), feed_no, feed_no,
                                             NOW.strftime("%Y-%m-%dT%H:%M:%SZ")))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n'
            "<title>%s</title>\n<link>http://127.0.0.1/site/%d/</link>\n"
            "<description>Synthetic desk %d</description>\n<language>en</language>\n"
            % (escape(title), feed_no, feed_no))


def tail(atom):
    return "</feed>\n" if atom else "</channel>\n</rss>\n"


def gen_feeds(a):
    os.makedirs(a.out, exist_ok=True)
    urls = []
    for f in range(a.feeds):
        rng = random.Random("%d:%d" % (a.seed, f))
        atom = f % 4 == 3
        name = "feed-%03d.xml" % f
        with open(os.path.join(a.out, name), "w", encoding="utf-8") as out:
            out.write(head(f, atom, "Desk %d" % f))
            for i in range(a.items):
                out.write(item(rng, f, i, atom))
            out.write(tail(atom))
        urls.append(a.base_url.rstrip("/") + "/" + name)
    with open(os.path.join(a.out, "urls.txt"), "w") as out:
        out.write("\n".join(urls) + "\n")


def gen_big(a):
    rng = random.Random("%d:big" % a.seed)
    atom = a.format == "atom"
    limit = a.size_mb * 1024 * 1024
    size = 0
    with open(a.out, "w", encoding="utf-8") as out:
        h = head(0, atom, "Big desk")
        out.write(h)
        size += len(h.encode())
        i = 0
        while size < limit:
            x = item(rng, i // 1000, i, atom)
            out.write(x)
            size += len(x.encode())
            i += 1
        out.write(tail(atom))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="mode", required=True)
    f = sub.add_parser("feeds")
    f.add_argument("--out", required=True)
    f.add_argument("--feeds", type=int, default=200)
    f.add_argument("--items", type=int, default=50)
    f.add_argument("--base-url", default="http://127.0.0.1:8081/feeds/")
    f.add_argument("--seed", type=int, default=1)
    b = sub.add_parser("big")
    b.add_argument("--out", required=True)
    b.add_argument("--size-mb", type=int, default=80)
    b.add_argument("--format", choices=["rss", "atom"], default="rss")
    b.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    gen_feeds(a) if a.mode == "feeds" else gen_big(a)


if __name__ == "__main__":
    main()
