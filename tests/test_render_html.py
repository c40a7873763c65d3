"""The HTML report without a browser: structure against the JSON of the same run, and escaping.

The page is parsed with the standard library's HTMLParser into a small tree; every claim is
checked against `CheckJson` output of the same `Run`, never against hard-coded counts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quotes.config import Config
from quotes.model import Attribution, DiffOp, Document, Drift, Finding, Group, Member, Quote, Source
from quotes.pipeline import Run, check
from quotes.render.formats import CHECK_FORMATS, CheckJson
from quotes.render.html import CELL_LIMIT, CheckHtml, clean, diff_cells, render_html, source_events
from quotes.sources import ReadOptions

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
VOID = {"meta", "br", "col", "img", "input", "link", "hr", "source", "wbr"}
# Each payload sets a global flag if it ever runs; the browser test checks the flag stays undefined.
EVIL = '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">'
BIG = "word " * 200_000  # a 1 MB single-line quote


class Node:
    """An element of the parsed page: tag, attributes, children (nodes and strings)."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def walk(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find_all(self, pred: Callable[[Node], bool]) -> list[Node]:
        return [n for n in self.walk() if pred(n)]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.at = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        assert node is self.at, f"</{tag}> closes <{self.at.tag}>: mis-nested"
        self.at = node.parent

    def handle_data(self, data: str) -> None:
        self.at.children.append(data)


def parse(page: str) -> Node:
    """The page as a tree; fails on mis-nested or unclosed elements."""
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.at is builder.root, f"unclosed <{builder.at.tag}>"
    return builder.root


def by_id(tree: Node, ident: str) -> Node:
    found = tree.find_all(lambda n: n.attrs.get("id") == ident)
    assert len(found) == 1, (ident, len(found))
    return found[0]


def write_hostile(folder: Path) -> list[Path]:
    """Two articles whose quotes, speakers and file names carry script, handlers, links and control characters."""
    first = folder / "<img src=x onerror=window.__pwned=6>.txt"
    first.write_text(
        "Ann Lee, the mayor, spoke on Monday.\n\n"
        "“<script>window.__pwned = 1</script> is not a plan for this city,” said Ann Lee.\n\n"
        "“<img src=x onerror=window.__pwned=2> will not load today at all,” said <b onmouseover=window.__pwned=3>Bob Stone</b>.\n\n"
        "Read [the plan](javascript:window.__pwned=4) and “javascript:window.__pwned=5 is a link,” said Carol King.\n\n"
        "“A bell\x07 an escape\x1b[31m red\x0b and a form feed\x0c here \x85 too,” said Dan Park.\n\n"
        f"“{BIG}” said Eve Moss.\n",
        encoding="utf-8",
    )
    second = folder / "second <svg onload=window.__pwned=7>.md"
    second.write_text("“<script>window.__pwned = 1</script> is not a real plan for this city,” Ann Lee said.\n", encoding="utf-8")
    return [first, second]


def hostile_run() -> Run:
    """A run built by hand: hostile speaker, outlet, paths and messages, and a 1 MB variant in a group."""
    path_a, path_b = f"a {EVIL}.txt", "javascript:window.__pwned=3"
    a = Quote(f"{path_a}#1", path_a, 1, 1 + len(BIG), BIG, 1, 2, "“", "”", True, "speech", "test",
              attribution=Attribution(speaker=EVIL + "\x07\x1b\x00"))
    b = Quote(f"{path_b}#1", path_b, 1, 41, "javascript:window.__pwned=4 [sic] … end", 1, 2, "“", "”", True, "speech", "test",
              attribution=Attribution(speaker="javascript:window.__pwned=5"))
    group = Group("g1", a.id, (
        Member(a.id, "reference", Drift("none", (DiffOp("equal", BIG, BIG),))),
        Member(b.id, "fuzzy", Drift("meaning", (DiffOp("replace", BIG, b.text),), (f"bracket: {EVIL}",), (EVIL,))),
    ))
    finding = Finding("Q201", "warning", f"wording differs: {EVIL}\x1b[0m", path_a, 1, 2, a.id, (b.id,))
    src_a = Source(path_a, "", outlet=EVIL, title=EVIL, size=len(BIG) + 2)
    src_b = Source(path_b, "", outlet="javascript:window.__pwned=8", size=42)
    return Run((Document(src_a, (a,)), Document(src_b, (b,))), (src_a, src_b), (group,), findings=(finding,))


@pytest.fixture(scope="module")
def seeds_run() -> Run:
    return check([str(SEEDS)], Config(), ReadOptions())


@pytest.fixture(scope="module")
def seeds_page(seeds_run: Run) -> tuple[Node, dict]:
    return parse(CheckHtml().render(seeds_run)), json.loads(CheckJson().render(seeds_run))


def test_html_is_a_check_format() -> None:
    assert CHECK_FORMATS["html"] is CheckHtml


def test_groups_match_the_json(seeds_page: tuple[Node, dict]) -> None:
    tree, data = seeds_page
    sections = tree.find_all(lambda n: n.tag == "section" and "data-group" in n.attrs)
    assert [s.attrs["data-group"] for s in sections] == [g["id"] for g in data["groups"]]
    assert data["groups"], "the seeds have variant groups"
    for section, group in zip(sections, data["groups"], strict=True):
        rows = section.find_all(lambda n: n.tag == "tr" and "data-quote" in n.attrs)
        assert [(r.attrs["data-quote"], r.attrs["data-relation"], r.attrs["data-drift"]) for r in rows] == [
            (m["quote"], m["relation"], m["drift"]) for m in group["members"]
        ]
        for row, member in zip(rows, group["members"], strict=True):
            inserted = "".join(n.text() for n in row.find_all(lambda n: n.tag == "ins"))
            deleted = "".join(n.text() for n in row.find_all(lambda n: n.tag == "del"))
            for op in member["diff"]:
                if op["op"] != "equal":
                    assert op["b"].replace(" ", "") in inserted.replace(" ", "")
                    assert op["a"].replace(" ", "") in deleted.replace(" ", "")
                    assert row.find_all(lambda n: n.tag in ("ins", "del") and {"chg"} <= n.classes)


def test_drift_classes_mark_changed_words(seeds_page: tuple[Node, dict]) -> None:
    tree, data = seeds_page
    drifted = [(g["id"], m) for g in data["groups"] for m in g["members"] if m["drift"] in ("wording", "meaning")]
    assert drifted, "the seeds have a drifted variant"
    for gid, member in drifted:
        row = next(r for r in by_id(tree, f"group-{gid}").walk() if r.attrs.get("data-quote") == member["quote"])
        drift = member["drift"]
        assert row.find_all(lambda n, drift=drift: n.tag == "ins" and drift in n.classes)


def test_findings_match_the_json(seeds_page: tuple[Node, dict]) -> None:
    tree, data = seeds_page
    rows = by_id(tree, "findings-table").find_all(lambda n: n.tag == "tr" and n.attrs.get("id", "").startswith("f-"))
    fields = ("code", "severity", "source", "line", "column", "quote")
    assert [tuple(r.attrs[f"data-{k}"] for k in fields) for r in rows] == [
        tuple("" if f[k] is None else str(f[k]) for k in fields) for f in data["findings"]
    ]
    for row, finding in zip(rows, data["findings"], strict=True):
        assert finding["message"] in row.text()
    assert by_id(tree, "n-findings").text() == str(len(data["findings"]))
    assert by_id(tree, "n-groups").text() == str(len(data["groups"]))
    assert by_id(tree, "n-sources").text() == str(len(data["sources"]))
    assert by_id(tree, "n-speech").text() == str(sum(q["speech"] for q in data["quotes"]))
    options = by_id(tree, "filter-code").find_all(lambda n: n.tag == "option" and n.attrs["value"])
    assert [o.attrs["value"] for o in options] == sorted({f["code"] for f in data["findings"]})


def test_a_finding_links_to_its_group(seeds_page: tuple[Node, dict]) -> None:
    tree, data = seeds_page
    members = {m["quote"]: g["id"] for g in data["groups"] for m in g["members"]}
    linked = [f for f in data["findings"] if f["quote"] in members]
    assert linked, "a seeds finding is on a grouped quote"
    for n, f in enumerate(data["findings"], 1):
        links = [a.attrs["href"] for a in by_id(tree, f"f-{n}").find_all(lambda x: x.tag == "a" and x.attrs["href"].startswith("#group-"))]
        if f["quote"] in members:
            assert f"#group-{members[f['quote']]}" in links


def test_every_quote_is_marked_in_its_source_with_its_speaker(seeds_page: tuple[Node, dict]) -> None:
    tree, data = seeds_page
    marks = tree.find_all(lambda n: n.tag == "mark" and "q" in n.classes and "id" in n.attrs)
    assert len(marks) == len(data["quotes"])
    for mark, q in zip(marks, data["quotes"], strict=True):
        assert q["category"] in mark.classes
        assert mark.attrs["tabindex"] == "0"
        assert mark.text() == q["text"]
        if q["speech"] and q["speaker"]:
            assert q["speaker"] in mark.attrs["title"]


def test_links_scripts_and_policy(seeds_page: tuple[Node, dict]) -> None:
    tree, _ = seeds_page
    ids = {n.attrs["id"] for n in tree.walk() if "id" in n.attrs}
    hrefs = [n.attrs["href"] for n in tree.walk() if "href" in n.attrs]
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs), "every link is a link inside the page"
    csp = next(n.attrs["content"] for n in tree.walk() if n.tag == "meta" and n.attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    nonce = re.search(r"'nonce-([^']+)'", csp)
    scripts = tree.find_all(lambda n: n.tag == "script")
    assert nonce and len(scripts) == 1 and scripts[0].attrs["nonce"] == nonce.group(1)
    assert not tree.find_all(lambda n: n.tag in ("link", "img", "iframe", "object", "embed") or "src" in n.attrs)


def _assert_inert(page: str) -> Node:
    tree = parse(page)
    assert len(tree.find_all(lambda n: n.tag == "script")) == 1, "only the report's own script"
    assert not tree.find_all(lambda n: n.tag in ("img", "svg", "b", "iframe"))
    handlers = [(n.tag, k) for n in tree.walk() for k in n.attrs if k.startswith("on")]
    assert handlers == []
    assert all(n.attrs["href"].startswith("#") for n in tree.walk() if "href" in n.attrs)
    bad = re.findall(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page)
    assert bad == [], "no raw control characters reach the page"
    return tree


def test_a_hostile_article_renders_inert(tmp_path: Path) -> None:
    write_hostile(tmp_path)
    run = check([str(tmp_path)], Config(), ReadOptions())
    page = CheckHtml().render(run)
    tree = _assert_inert(page)
    text = tree.text()
    assert "<script>window.__pwned = 1</script> is not a plan" in text  # shown as text
    assert "<img src=x onerror=window.__pwned=6>.txt" in text  # the file name too
    assert "javascript:window.__pwned=5" in text
    assert "bell\u2407 an escape\u241b[31m" in text  # control characters shown as their pictures
    paths = {s.path for s in run.sources}
    shown = {n.attrs["data-source"] for n in tree.walk() if n.tag == "details" and "data-source" in n.attrs}
    assert shown == paths


def test_a_hand_built_hostile_run_renders_inert_and_cut() -> None:
    run = hostile_run()
    page = render_html(run)
    tree = _assert_inert(page)
    assert len(page) < 4 * len(BIG), "the 1 MB quote appears a bounded number of times"
    title_values = [n.attrs.get("title", "") for n in tree.walk()]
    assert not any(EVIL in v for v in title_values if v), "the source text is not readable here: no speaker titles"
    text = tree.text()
    assert clean(EVIL + "\x07\x1b\x00") in text  # the speaker, cleaned, as text
    assert f"wording differs: {EVIL}\u241b[0m" in text
    row = next(n for n in tree.walk() if n.tag == "tr" and n.attrs.get("data-relation") == "reference")
    cell = next(n for n in row.walk() if n.tag == "td" and "words" in n.classes)
    full = cell.find_all(lambda n: n.tag == "details")
    assert len(full) == 1 and BIG.strip() in full[0].text()
    shown = cell.text().replace(full[0].text(), "")
    assert len(shown) < CELL_LIMIT + 10


def test_clean_makes_controls_visible() -> None:
    assert clean("a\x00b\x07c\x1bd\te\nf\r\x7f\x85\ud800") == "a\u2400b\u2407c\u241bd\te\nf\r\u2421\ufffd\ufffd"


def test_diff_cells_mark_alterations_and_classes() -> None:
    member = Member("x#1", "fuzzy", Drift("wording", (
        DiffOp("equal", "We will", "we will"),
        DiffOp("replace", "never", "not … ever"),
        DiffOp("insert", "", "[the city]"),
    )))
    left, right = diff_cells(member, reference=False)
    classes = {(s.tag, s.cls, s.text) for s in right.segs}
    assert ("span", "chg cosmetic", "we") in classes  # case only: cosmetic
    assert ("ins", "chg wording ellipsis", "…") in classes
    assert ("ins", "chg wording bracket", "[the city]") in classes
    assert ("del", "chg wording", "never") in {(s.tag, s.cls, s.text) for s in left.segs}
    assert left.full is None and right.full is None


def test_source_events_nest_and_skip_crossing_spans() -> None:
    text = "He said “she said ‘no’ twice” and left."
    outer = Quote("s#1", "s", 9, 28, text[9:28], 1, 10, "“", "”", True, "speech", "t")
    inner = Quote("s#2", "s", 19, 21, text[19:21], 1, 20, "‘", "’", True, "speech", "t", parent="s#1", depth=1)
    crossing = Quote("s#3", "s", 25, 33, text[25:33], 1, 26, "“", "”", False, "term", "t")
    events = source_events(text, [crossing, inner, outer], {"s#1": "q1", "s#2": "q2", "s#3": "q3"})
    kinds = [(e.kind, e.anchor) for e in events if e.kind != "text"]
    assert kinds == [("open", "q1"), ("open", "q2"), ("close", ""), ("close", "")]
    assert "".join(e.text for e in events) == text


def test_a_record_is_the_reference_with_its_time() -> None:
    folder = ROOT / "fixtures" / "verify" / "ferry"
    run = check([str(folder / "lakeside_herald.txt")], Config(), ReadOptions(), records=[str(folder / "briefing.vtt")])
    tree, data = parse(CheckHtml().render(run)), json.loads(CheckJson().render(run))
    verified = {q["id"]: q["verification"] for q in data["quotes"] if "verification" in q}
    record_refs = [g for g in data["groups"] if g["reference"].startswith(str(folder / "briefing.vtt"))]
    assert record_refs, "the record is the reference of a group"
    for group in record_refs:
        section = by_id(tree, f"group-{group['id']}")
        heading = section.find_all(lambda n: n.tag == "h3")[0].text()
        assert "in the record at " in heading
        for m in group["members"]:
            if m["quote"] in verified:
                v = verified[m["quote"]]
                row = next(r for r in section.walk() if r.attrs.get("data-quote") == m["quote"])
                assert f"record: {v['status']} at {v['at']}" in row.text()


def test_a_clean_run_with_an_unreadable_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("No quotes in this one.\n", encoding="utf-8")
    missing = tmp_path / "gone <b>.txt"
    run = check([str(tmp_path / "a.txt"), str(missing)], Config(), ReadOptions())
    tree = parse(CheckHtml().render(run))
    assert by_id(tree, "n-findings").text() == "0" and by_id(tree, "n-groups").text() == "0"
    assert str(missing) in by_id(tree, "unreadable").text()
    assert not by_id(tree, "findings-table").find_all(lambda n: n.tag == "tr" and "data-code" in n.attrs)
