"""The viz page: edge merging and selection (pure), the page itself, and a real browser."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from graphbuild.errors import InputError, QueryError
from graphbuild.explore.graph import Node, Relationship
from graphbuild.explore.viz import MAX_EVIDENCE, build_viz_graph, render_html, write_viz
from tests.chromium import CHROMIUM, HEADLESS

ROOT = Path(__file__).resolve().parent.parent


def actor(actor_id: str, name: str, kind: str = "PERSON", aliases: tuple[str, ...] = ()) -> Node:
    return Node(
        group="Actor",
        id=actor_id,
        labels=("Actor", "Person"),
        properties={"name": name, "kind": kind, "aliases": list(aliases), "mentions": 2},
    )


def rel(source: str, rel_type: str, target: str, doc: str, date: str | None = None) -> Relationship:
    return Relationship(
        type=rel_type,
        source=source,
        target=target,
        properties={
            "doc": doc,
            "sentences": [f"{source} {rel_type} {target} in {doc}."],
            "modality": "asserted",
            "date": date,
        },
    )


ACTORS = [
    actor("a", "Ada Quill", aliases=("Quill",)),
    actor("b", "Bram Otter"),
    actor("c", "Cedonia", kind="STATE"),
    actor("d", "Dunmore League", kind="ORG"),
    actor("e", "Eskar Vale"),  # no relation: never drawn
]
RELS = [
    rel("a", "MET_WITH", "b", "d2.txt", "2020-02-01"),
    rel("a", "MET_WITH", "b", "d1.txt", "2020-01-01"),
    rel("a", "MET_WITH", "b", "d3.txt", None),
    rel("b", "ALLIED_TO", "c", "d1.txt"),
    rel("d", "OPPOSES", "c", "d2.txt"),
    rel("a", "MENTIONED_IN", "x", "d1.txt"),  # not an actor relation: ignored
]


def test_edges_are_merged_per_pair_and_relation_with_dated_evidence_first() -> None:
    graph = build_viz_graph(ACTORS, RELS, {})
    met = [e for e in graph.edges if e["relation"] == "MET_WITH"]
    assert len(graph.edges) == 3
    assert len(met) == 1 and met[0]["documents"] == 3
    assert [e["doc"] for e in met[0]["evidence"]] == ["d1.txt", "d2.txt", "d3.txt"]
    assert sorted(n["id"] for n in graph.nodes) == ["a", "b", "c", "d"]


def test_evidence_is_capped_and_the_strongest_edges_are_kept() -> None:
    many = [rel("a", "OPPOSES", "d", f"doc{i:03d}.txt") for i in range(MAX_EVIDENCE + 5)]
    graph = build_viz_graph(ACTORS, RELS + many, {}, max_edges=2)
    assert graph.omitted_edges == 2
    kept = {(e["from"], e["relation"], e["to"]): e for e in graph.edges}
    assert set(kept) == {("a", "OPPOSES", "d"), ("a", "MET_WITH", "b")}
    assert kept[("a", "OPPOSES", "d")]["documents"] == MAX_EVIDENCE + 5
    assert len(kept[("a", "OPPOSES", "d")]["evidence"]) == MAX_EVIDENCE


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"source": "a", "target": "b"}, {("a", "MET_WITH", "b")}),
        (
            {"source": "Bram Otter", "target": "Quill"},
            {("a", "MET_WITH", "b")},
        ),  # name, alias, reversed
        ({"source": "Cedonia", "target": "b", "relation": "allied-to"}, {("b", "ALLIED_TO", "c")}),
        ({"source": "b", "target": "c", "relation": "MET_WITH"}, set()),
        ({"source": {"id": "d", "labels": ["Actor"]}, "target": "c"}, {("d", "OPPOSES", "c")}),
        (
            {
                "x": {"id": "b", "labels": ["Actor", "Person"]},
                "y": {"id": "c", "labels": ["Actor"]},
            },
            {("b", "ALLIED_TO", "c")},
        ),
        (
            {
                "p": [
                    {"id": "a", "labels": ["Actor"]},
                    {"type": "MET_WITH"},
                    {"id": "b", "labels": ["Actor"]},
                ]
            },
            {("a", "MET_WITH", "b")},
        ),
        ({"source": "nobody", "target": "b"}, set()),
    ],
)
def test_query_rows_select_edges(row: dict, expected: set) -> None:
    graph = build_viz_graph(ACTORS, RELS, {}, rows=[row])
    assert {(e["from"], e["relation"], e["to"]) for e in graph.edges} == expected
    assert {n["id"] for n in graph.nodes} == {x for key in expected for x in (key[0], key[2])}


def test_page_is_self_contained_and_data_cannot_close_the_script() -> None:
    hostile = actor("z", "</script><script>window.pwned=1</script><!--")
    graph = build_viz_graph([*ACTORS, hostile], [*RELS, rel("z", "MET_WITH", "a", "d9.txt")], {})
    html = render_html(graph, "a <b> title")
    assert_self_contained(html)
    assert html.count("</script>") == 4  # error hook, data, library, app: nothing injected
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert data is not None
    names = {n["name"] for n in json.loads(data.group(1))["nodes"]}
    assert hostile.properties["name"] in names
    assert "<title>a &lt;b&gt; title</title>" in html
    assert render_html(graph, "a <b> title") == html  # deterministic


def assert_self_contained(html: str) -> None:
    """No script, stylesheet, import, font or image fetched from anywhere."""
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert not re.search(r"@import", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I)
    assert "sourceMappingURL" not in html


# --- against the store loaded with the seeds ----------------------------------------------


def test_viz_of_the_seeded_store(explore_settings, explore_store, tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    summary = write_viz(explore_settings, out, None, {})
    html = out.read_text(encoding="utf-8")
    assert_self_contained(html)
    expected = connected_actors(explore_store)
    assert expected > 0
    assert f"{expected} actors" in summary
    write_viz(explore_settings, tmp_path / "again.html", None, {})
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == html


@pytest.mark.browser
def test_viz_of_a_query(explore_settings, explore_store, explore_params, tmp_path: Path) -> None:
    query = ROOT / "cypher" / "ego_network.cypher"
    params = explore_params(query)
    out = tmp_path / "ego.html"
    write_viz(explore_settings, out, query, params)
    neighbours = explore_store.run(
        "MATCH (a:Actor) WHERE a.name = $name OR $name IN a.aliases "
        "MATCH (a)-[:MET_WITH|ALLIED_TO|OPPOSES]-(o:Actor) RETURN count(DISTINCT o) AS n",
        params,
    )[0]["n"]
    assert neighbours > 0
    assert drawn_nodes(out) == neighbours + 1


def test_viz_query_errors(explore_settings, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.cypher"):
        write_viz(explore_settings, tmp_path / "x.html", tmp_path / "missing.cypher", {})
    empty = tmp_path / "nothing.cypher"
    empty.write_text("MATCH (a:Actor) WHERE a.name = $name RETURN a.id AS source, a.id AS target")
    with pytest.raises(QueryError, match="no stored edge"):
        write_viz(explore_settings, tmp_path / "x.html", empty, {"name": "No Such Actor 123"})
    assert not (tmp_path / "x.html").exists()


def connected_actors(store) -> int:
    rows = store.run(
        "MATCH (a:Actor)-[:MET_WITH|ALLIED_TO|OPPOSES]-(:Actor) RETURN count(DISTINCT a) AS n"
    )
    return int(rows[0]["n"])


# --- a real browser -------------------------------------------------------------------------


def load_in_browser(page: Path, tmp_path: Path, fragment: str = "") -> dict[str, str]:
    """Open the page in headless chromium, with no network, and read <html>'s data-*.

    The page sets data-ready once vis-network has drawn, which waits for its layout; on a
    machine busy with other jobs chromium's virtual-time budget can end first, so a page
    not drawn yet is loaded again (fresh profile, longer budget) before the test fails.
    """
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    head = None
    for attempt, budget in enumerate((120_000, 300_000, 600_000)):
        profile = tmp_path / f"profile-{page.stem}-{attempt}-{len(list(tmp_path.iterdir()))}"
        result = subprocess.run(
            [
                CHROMIUM,
                *HEADLESS,
                "--run-all-compositor-stages-before-draw",
                f"--user-data-dir={profile}",
                f"--virtual-time-budget={budget}",
                "--dump-dom",
                page.resolve().as_uri() + fragment,
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        head = re.search(r"<html[^>]*>", result.stdout)
        assert head is not None, result.stderr[-2000:]
        attributes = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', head.group(0)))
        if attributes.get("ready") == "true" or attributes.get("js-errors", "0") != "0":
            attributes["dom"] = result.stdout
            return attributes
    raise AssertionError(f"the page was never drawn: {head.group(0) if head else ''}")


def drawn_nodes(page: Path) -> int:
    attributes = load_in_browser(page, page.parent)
    assert attributes["js-errors"] == "0", attributes.get("js-error-text")
    assert attributes["ready"] == "true"
    return int(attributes["nodes-drawn"])


@pytest.mark.browser
def test_browser_draws_every_connected_actor(
    explore_settings, explore_store, tmp_path: Path
) -> None:
    out = tmp_path / "graph.html"
    write_viz(explore_settings, out, None, {})
    attributes = load_in_browser(out, tmp_path)
    assert attributes["js-errors"] == "0", attributes.get("js-error-text")
    assert attributes["ready"] == "true"
    assert int(attributes["nodes-drawn"]) == connected_actors(explore_store)
    edges = explore_store.run(
        "MATCH (a:Actor)-[r:MET_WITH|ALLIED_TO|OPPOSES]->(b:Actor) "
        "WITH DISTINCT a, type(r) AS t, b RETURN count(*) AS n"
    )[0]["n"]
    assert int(attributes["edges-drawn"]) == edges


@pytest.mark.browser
def test_browser_shows_evidence_as_text(tmp_path: Path) -> None:
    hostile = actor("z", "<img src=x onerror=window.pwned=1>")
    graph = build_viz_graph([*ACTORS, hostile], [*RELS, rel("z", "MET_WITH", "a", "d9.txt")], {})
    page = tmp_path / "hostile.html"
    page.write_text(render_html(graph, "test"), encoding="utf-8")
    edge = next(e["id"] for e in graph.edges if e["relation"] == "ALLIED_TO")
    attributes = load_in_browser(page, tmp_path, f"#edge={edge}")
    assert attributes["js-errors"] == "0", attributes.get("js-error-text")
    assert attributes["nodes-drawn"] == str(len(graph.nodes))
    details = attributes["dom"].split('id="details-body"', 1)[1]
    assert "b ALLIED_TO c in d1.txt." in details  # the click panel lists the sentence
    assert count_elements(attributes["dom"], "img") == 0  # the name stayed text


def count_elements(html: str, tag: str) -> int:
    from html.parser import HTMLParser

    class Counter(HTMLParser):
        count = 0

        def handle_starttag(self, name: str, attrs: object) -> None:
            self.count += name == tag

    counter = Counter()
    counter.feed(html)
    return counter.count


# Moves the mouse over the middle of the first edge once the layout has settled, as a user
# would: vis-network then shows that edge's tooltip (test-only script added to a copy).
HOVER = """<script>
setTimeout(function () {
  var net = window.graphbuildNetwork;
  var edge = net.body.edges[net.body.data.edges.getIds()[0]];
  var dom = net.canvasToDOM(edge.edgeType.getPoint(0.5));  // on the drawn curve
  var canvas = document.querySelector("#graph canvas");
  var box = canvas.getBoundingClientRect();
  canvas.dispatchEvent(new MouseEvent("mousemove",
    {clientX: box.left + dom.x, clientY: box.top + dom.y, bubbles: true}));
}, 3000);
</script>
</body>"""


@pytest.mark.browser
def test_browser_hover_shows_sentence_and_document(tmp_path: Path) -> None:
    documents = {"d1.txt": Node("Document", "d1.txt", ("Document",), {"title": "Quiet talks"})}
    dated = rel("b", "ALLIED_TO", "c", "d1.txt", "2021-03-04")
    dated.properties["event_dates"] = ["2021-02"]
    graph = build_viz_graph(ACTORS, [dated], documents)
    page = tmp_path / "hover.html"
    page.write_text(render_html(graph, "hover").replace("</body>", HOVER), encoding="utf-8")
    attributes = load_in_browser(page, tmp_path)
    assert attributes["js-errors"] == "0", attributes.get("js-error-text")
    tooltip = attributes["dom"].split('class="vis-tooltip"', 1)[1].split("</div></div>", 1)[0]
    assert "Bram Otter — allied to — Cedonia" in tooltip
    assert "b ALLIED_TO c in d1.txt." in tooltip
    assert "Quiet talks · 2021-03-04 · d1.txt" in tooltip
    assert "event date 2021-02" in tooltip


def test_cli_viz_and_query_a_library_file(explore_settings, explore_params, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from graphbuild.cli import app

    if explore_settings.embedded:
        where = ["--data-dir", str(explore_settings.data_dir)]
        env = {}
    else:  # the password only ever from the environment
        where = ["--uri", explore_settings.uri]
        env = {"NEO4J_USER": explore_settings.user, "NEO4J_PASSWORD": explore_settings.password}
    if explore_settings.database:
        where += ["--database", explore_settings.database]
    runner = CliRunner(env=env)
    out = tmp_path / "cli.html"
    result = runner.invoke(app, ["viz", "--out", str(out), *where])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 100_000  # the library is inlined
    allies = ROOT / "cypher" / "allies.cypher"
    name = explore_params(allies)["name"]
    result = runner.invoke(
        app, ["query", str(allies), "--param", f"name={name}", "--format", "json", *where]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(row["actor"] == name for row in rows)
    result = runner.invoke(app, ["viz", "--query", str(tmp_path / "none.cypher"), *where])
    assert result.exit_code == 1


def test_browser_style_uses_the_page_colours() -> None:
    grass = (ROOT / "cypher" / "graphbuild.grass").read_text()
    rules = dict(re.findall(r"^(node\.\w+|relationship\.\w+) \{(.*?)\}", grass, re.M | re.S))
    app = (ROOT / "graphbuild" / "explore" / "assets" / "viz.js").read_text()
    pairs = {
        "node.Person": "PERSON",
        "node.Organization": "ORG",
        "node.State": "STATE",
        "relationship.MET_WITH": "MET_WITH",
        "relationship.ALLIED_TO": "ALLIED_TO",
        "relationship.OPPOSES": "OPPOSES",
    }
    for selector, key in pairs.items():
        grass_colour = re.search(r"\n\s*color: (#\w{6});", rules[selector]).group(1)
        page_colour = re.search(rf'\b{key}: \{{[^}}]*color: "(#\w{{6}})"', app).group(1)
        assert grass_colour.lower() == page_colour.lower(), selector
    assert grass.count("{") == grass.count("}")
