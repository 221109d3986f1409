"""Neo4j Browser, served by the test Neo4j (the neo4j-browser jar from Maven Central), in
headless chromium: log in over Bolt with the password, apply cypher/graphbuild.grass with
`:style`, run a library query, and draw the seeded actor network with the grass colours.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON
messages ending in NUL, fd 3 into the browser, fd 4 out of it), so no extra package is
needed; no host name resolves in it, so it reaches nothing but the loopback server."""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import subprocess
import time
from pathlib import Path

import pytest

from tests.chromium import CHROMIUM, HEADLESS

ROOT = Path(__file__).resolve().parent.parent
FLAGS = [
    *HEADLESS,
    "--window-size=1400,1000",
    # Offline: no host name resolves, so the page reaches nothing but the loopback server.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# The README's Browser query: every actor-to-actor relation, drawn as a graph.
GRAPH_QUERY = "MATCH p=(:Actor)-[:MET_WITH|ALLIED_TO|OPPOSES]-(:Actor) RETURN p LIMIT 100"


class DevTools:
    """One headless chromium and one page in it, driven over the DevTools protocol."""

    def __init__(self, profile: Path) -> None:
        to_browser, self._to = os.pipe()
        self._from, from_browser = os.pipe()
        redirect = 'exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null'
        self._process = subprocess.Popen(
            ["sh", "-c", redirect, CHROMIUM, *FLAGS, "--remote-debugging-pipe"]
            + [f"--user-data-dir={profile}", "about:blank"],
            stdin=to_browser,
            stdout=from_browser,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._last_id = 0
        self._session: str | None = None

    def send(self, method: str, params: dict | None = None, timeout: float = 60) -> dict:
        self._last_id += 1
        message: dict = {"id": self._last_id, "method": method, "params": params or {}}
        if self._session and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self._session
        os.write(self._to, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._last_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from], [], [], max(0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._from, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def open(self, url: str) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        self._session = attached["sessionId"]
        self.send("Page.enable")
        self.send("Page.navigate", {"url": url})

    def js(self, expression: str):
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, what: str, timeout: float = 180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.5)
        text = self.js("document.body ? document.body.innerText.slice(-1500) : ''")
        raise AssertionError(f"Browser never showed {what} in {timeout:.0f} s; page ends:\n{text}")

    def type_into(self, selector: str, text: str) -> None:
        """Focus the element and type as a user does (React and the editor see input)."""
        found = self.js(
            f"(() => {{ const el = document.querySelector({json.dumps(selector)});"
            " if (!el) return false; el.focus(); return true; })()"
        )
        assert found, f"no element {selector}"
        self.send("Input.insertText", {"text": text})

    def click(self, selector: str) -> None:
        found = self.js(
            f"(() => {{ const el = document.querySelector({json.dumps(selector)});"
            " if (!el) return false; el.click(); return true; })()"
        )
        assert found, f"no element {selector}"

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.send("Browser.close", timeout=10)
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to)
        os.close(self._from)


GRASS = ROOT / "cypher" / "graphbuild.grass"


def grass_rules() -> dict[str, dict[str, str]]:
    """cypher/graphbuild.grass as {selector: {property: value}}."""
    rules = {}
    for selector, body in re.findall(r"^([\w.]+) \{(.*?)^\}", GRASS.read_text(), re.M | re.S):
        declarations = (d.partition(":") for d in body.split(";") if ":" in d)
        rules[selector] = {k.strip(): v.strip().strip('"') for k, _, v in declarations}
    return rules


@pytest.fixture
def seeded_neo4j(neo4j_server, seeds_dir):
    from graphbuild.pipeline import run
    from graphbuild.store import open_store

    with open_store(neo4j_server) as store:
        store.run("MATCH (n) DETACH DELETE n")
        run([str(seeds_dir)], neo4j_server, store)
        kinds = {
            r["name"]: r["labels"]
            for r in store.run("MATCH (a:Actor) RETURN a.name AS name, labels(a) AS labels")
        }
    yield neo4j_server, kinds
    with open_store(neo4j_server) as store:
        store.run("MATCH (n) DETACH DELETE n")


@pytest.mark.neo4j
@pytest.mark.browser
def test_neo4j_browser_draws_the_actors_with_the_grass_style(
    seeded_neo4j, neo4j_browser, explore_params, tmp_path: Path
) -> None:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    settings, labels_by_name = seeded_neo4j
    rules = grass_rules()
    browser = DevTools(tmp_path / "profile")
    try:
        # The server's discovery document fills in its Bolt URL; log in with the password.
        browser.open(neo4j_browser)
        browser.wait_for("!!document.querySelector('[data-testid=\"password\"]')", "a login form")
        browser.type_into('[data-testid="username"]', settings.user)
        browser.type_into('[data-testid="password"]', settings.password)
        browser.click('[data-testid="connect"]')
        browser.wait_for(
            "document.body.innerText.includes('You are connected as user')", "a connected user"
        )

        def run(command: str, done: str, what: str) -> None:
            browser.wait_for("!!document.querySelector('.monaco-editor textarea')", "the editor")
            browser.type_into(".monaco-editor textarea", command)
            browser.click('[data-testid="editor-Run"]')
            browser.wait_for(done, what)

        # The grass file, as `:style` takes it: on one line. Browser keeps the style it
        # applies in its local storage.
        run(
            ":style " + " ".join(GRASS.read_text().split()),
            "((JSON.parse(localStorage.getItem('neo4j.grass')) || {})['node.Person'] || {})"
            f".color === {json.dumps(rules['node.Person']['color'])}",
            "the graphbuild style applied",
        )
        ego = ROOT / "cypher" / "ego_network.cypher"
        name = explore_params(ego)["name"]
        shown = json.dumps(f'"name": {json.dumps(name)}')
        run(
            f":param name => {json.dumps(name)}",
            f"document.body.innerText.includes({shown})",
            "the parameter set",
        )
        run(
            ego.read_text(),
            "document.body.innerText.includes('source_name')",
            "the library query's table",
        )
        assert name in browser.js("document.body.innerText")

        run(GRAPH_QUERY, "document.querySelectorAll('svg g.node').length > 0", "a graph")
        nodes = browser.wait_for(
            "(() => { const nodes = [...document.querySelectorAll('svg g.node')];"
            " const drawn = nodes.map(n => ({caption: n.textContent,"
            " fill: (n.querySelector('circle.b-outline') || n.querySelector('circle'))"
            ".getAttribute('fill')})); return drawn.length && drawn.every(d => d.caption)"
            " ? drawn : null; })()",
            "captioned nodes",
        )
    finally:
        browser.close()

    colours = {
        selector.split(".", 1)[1]: rule["color"].lower()
        for selector, rule in rules.items()
        if selector in ("node.Person", "node.Organization", "node.State")
    }

    def squeezed(text: str) -> str:  # captions wrap onto lines and end in … when cut
        return re.sub(r"\s|…", "", text)

    matched = 0
    for node in nodes:
        caption = squeezed(node["caption"])
        exact = [n for n in labels_by_name if squeezed(n) == caption]
        cut = [n for n in labels_by_name if caption and squeezed(n).startswith(caption)]
        if not (exact or len(cut) == 1):
            continue  # a caption cut short beyond recognition
        name = (exact or cut)[0]
        kind_label = next(label for label in labels_by_name[name] if label != "Actor")
        assert node["fill"].lower() == colours[kind_label], (name, node)
        matched += 1
    assert matched >= len(nodes) // 2 > 0, nodes
