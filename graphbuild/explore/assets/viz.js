// graphbuild viz: draws the graph data embedded in the page with vis-network (inlined above).
// Reads #graph-data (written by graphbuild.explore.viz), never the network.
// Sets on <html>: data-ready="true" after the first drawing, data-nodes-drawn and
// data-edges-drawn (what the canvas holds), so a headless browser can check the page.
(function () {
  "use strict";
  var root = document.documentElement;
  var data = JSON.parse(document.getElementById("graph-data").textContent);

  // Colour and shape by actor kind; colour by relation. Keep in sync with the README legend.
  var KINDS = {
    PERSON: { label: "Person", color: "#1f77b4", shape: "dot" },
    ORG: { label: "Organization", color: "#9467bd", shape: "square" },
    STATE: { label: "State", color: "#ff7f0e", shape: "diamond" }
  };
  var OTHER_KIND = { label: "Other", color: "#8c8c8c", shape: "triangle" };
  var RELATIONS = {
    MET_WITH: { label: "met with", color: "#5f6b7a", arrow: false, dashes: false },
    ALLIED_TO: { label: "allied to", color: "#2ca02c", arrow: false, dashes: false },
    OPPOSES: { label: "opposes", color: "#d62728", arrow: true, dashes: false }
  };
  var OTHER_RELATION = { label: "other", color: "#aaaaaa", arrow: true, dashes: true };
  var TIP_EVIDENCE = 3;

  function kindOf(node) { return KINDS[node.kind] || OTHER_KIND; }
  function relationOf(edge) { return RELATIONS[edge.relation] || OTHER_RELATION; }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  var nodesById = {};
  data.nodes.forEach(function (n) { nodesById[n.id] = n; });
  var edgesByNode = {};
  data.edges.forEach(function (e) {
    (edgesByNode[e.from] = edgesByNode[e.from] || []).push(e);
    if (e.to !== e.from) { (edgesByNode[e.to] = edgesByNode[e.to] || []).push(e); }
  });

  function docLine(item) {
    var doc = data.documents[item.doc] || {};
    var parts = [];
    if (doc.title) { parts.push(doc.title); }
    parts.push(doc.date || item.date || "undated");
    parts.push(item.doc);
    return parts.join(" · ");
  }

  function edgeHeading(e) {
    var rel = relationOf(e);
    var a = nodesById[e.from], b = nodesById[e.to];
    var joint = rel.arrow ? " → " + rel.label + " → " : " — " + rel.label + " — ";
    return (a ? a.name : e.from) + joint + (b ? b.name : e.to);
  }

  // Every value goes through textContent: sentences and names are data, never markup.
  function evidenceItem(item, all) {
    var li = el("li");
    var sentences = all ? item.sentences : item.sentences.slice(0, 1);
    sentences.forEach(function (s, i) {
      li.appendChild(el("q", null, s));
      var when = (item.event_dates || [])[i];  // "" when the sentence states no date
      if (when) { li.appendChild(el("span", "when", "event date " + when)); }
    });
    var doc = el("span", "doc", docLine(item));
    if (item.modality && item.modality !== "asserted") {
      doc.appendChild(el("span", "badge", item.modality));
    }
    li.appendChild(doc);
    var url = (data.documents[item.doc] || {}).url;
    if (all && url && /^https?:\/\//.test(url)) {
      var link = el("a", null, " source");
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      doc.appendChild(link);
    }
    return li;
  }

  function edgeTip(e) {
    var tip = el("div", "tip");
    tip.appendChild(el("b", null, edgeHeading(e)));
    var list = el("ol");
    e.evidence.slice(0, TIP_EVIDENCE).forEach(function (item) {
      list.appendChild(evidenceItem(item, false));
    });
    tip.appendChild(list);
    var hidden = e.documents - Math.min(TIP_EVIDENCE, e.evidence.length);
    if (hidden > 0) {
      tip.appendChild(el("span", "more", "+ " + hidden + " more document(s): click the edge"));
    }
    return tip;
  }

  function nodeTip(n) {
    var tip = el("div", "tip");
    tip.appendChild(el("b", null, n.name));
    var kind = kindOf(n).label + " · " + n.mentions + " mention(s) · " +
      (edgesByNode[n.id] || []).length + " relation(s)";
    tip.appendChild(el("span", "doc", kind));
    if (n.aliases && n.aliases.length) {
      tip.appendChild(el("div", null, "Also: " + n.aliases.join(", ")));
    }
    return tip;
  }

  var maxMentions = 1;
  data.nodes.forEach(function (n) { maxMentions = Math.max(maxMentions, n.mentions || 0); });

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var kind = kindOf(n);
    return {
      id: n.id,
      label: n.name,
      shape: kind.shape,
      color: { background: kind.color, border: "#333333",
        highlight: { background: kind.color, border: "#000000" },
        hover: { background: kind.color, border: "#000000" } },
      value: n.mentions || 1,
      title: nodeTip(n),
      group: n.kind
    };
  }));
  // Two actors linked by several relations get one curve each, bent apart, so none hides
  // another (a single straight or smooth line would draw them on top of each other).
  var siblings = {};
  data.edges.forEach(function (e) {
    var pair = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    (siblings[pair] = siblings[pair] || []).push(e.id);
  });
  function curve(e) {
    var pair = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    var group = siblings[pair];
    if (group.length < 2) { return undefined; }
    var k = group.indexOf(e.id);
    // Curve direction is relative to from->to; flip for edges stored the other way round.
    var clockwise = (k % 2 === 0) === (e.from < e.to);
    return { enabled: true, type: clockwise ? "curvedCW" : "curvedCCW",
             roundness: 0.15 + 0.2 * Math.floor(k / 2) + (group.length % 2 ? 0 : 0.05) };
  }

  var edges = new vis.DataSet(data.edges.map(function (e) {
    var rel = relationOf(e);
    return {
      smooth: curve(e),
      id: e.id,
      from: e.from,
      to: e.to,
      color: { color: rel.color, highlight: rel.color, hover: rel.color, opacity: 0.85 },
      arrows: { to: { enabled: rel.arrow, scaleFactor: 0.6 } },
      dashes: rel.dashes,
      width: 1 + Math.min(6, Math.log2(e.documents || 1) * 1.5),
      title: edgeTip(e),
      relation: e.relation
    };
  }));

  var big = data.edges.length > 800 || data.nodes.length > 400;
  var options = {
    layout: { randomSeed: 7, improvedLayout: data.nodes.length <= 150 },
    nodes: {
      scaling: { min: 8, max: 32, label: { enabled: true, min: 11, max: 22, drawThreshold: 7 } },
      font: { size: 12, strokeWidth: 3, strokeColor: "#ffffff" },
      borderWidth: 1
    },
    edges: {
      smooth: big ? false : { type: "continuous", roundness: 0.3 },
      selectionWidth: 2,
      hoverWidth: 1.5
    },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 110, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: big ? 250 : 800, updateInterval: 25 },
      minVelocity: 1.5
    },
    interaction: {
      hover: true,
      tooltipDelay: 120,
      hideEdgesOnDrag: big,
      hideEdgesOnZoom: big,
      navigationButtons: false,
      keyboard: { enabled: true, bindToWindow: false }
    }
  };

  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.graphbuildNetwork = network;

  var status = document.getElementById("status");
  network.on("stabilizationProgress", function (p) {
    status.textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  // Physics off once laid out: a few thousand edges then stay responsive when dragged.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    status.textContent = "";
  });

  function drawnCount(kind) {
    var body = network.body;
    var indices = kind === "nodes" ? body.nodeIndices : body.edgeIndices;
    var count = 0;
    indices.forEach(function (id) {
      var item = kind === "nodes" ? body.nodes[id] : body.edges[id];
      if (item && item.options.hidden !== true) { count += 1; }
    });
    return count;
  }
  function report() {
    root.setAttribute("data-nodes-drawn", String(drawnCount("nodes")));
    root.setAttribute("data-edges-drawn", String(drawnCount("edges")));
    root.setAttribute("data-ready", "true");
  }
  network.on("afterDrawing", report);
  // Draw once now rather than on the next animation frame, so the page is complete (and
  // data-ready set) as soon as the script has run, however busy the machine is.
  network.redraw();

  // Title and counts.
  document.getElementById("title").textContent = data.title;
  document.title = data.title;
  var stats = data.nodes.length + " actors, " + data.edges.length + " edges";
  if (data.omitted_edges) { stats += " (" + data.omitted_edges + " weaker edges left out)"; }
  document.getElementById("stats").textContent = stats;

  // Legend with toggles: hiding a kind or a relation hides its nodes or edges.
  function counts(items, key) {
    var out = {};
    items.forEach(function (item) { out[item[key]] = (out[item[key]] || 0) + 1; });
    return out;
  }
  function kindKey(n) { return KINDS[n.kind] ? n.kind : "OTHER"; }
  var kindCounts = {};
  data.nodes.forEach(function (n) { kindCounts[kindKey(n)] = (kindCounts[kindKey(n)] || 0) + 1; });
  var relationCounts = counts(data.edges, "relation");
  var hiddenKinds = {}, hiddenRelations = {};

  function applyFilters() {
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, hidden: !!hiddenKinds[kindKey(n)] };
    }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, hidden: !!hiddenRelations[e.relation] };
    }));
  }

  function legendItem(list, swatch, label, count, onToggle) {
    var li = el("li");
    li.setAttribute("role", "checkbox");
    li.setAttribute("aria-checked", "true");
    li.tabIndex = 0;
    li.appendChild(swatch);
    li.appendChild(el("span", null, label));
    li.appendChild(el("span", "count", count));
    function toggle() {
      var off = li.classList.toggle("off");
      li.setAttribute("aria-checked", off ? "false" : "true");
      onToggle(off);
      applyFilters();
    }
    li.addEventListener("click", toggle);
    li.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); toggle(); }
    });
    list.appendChild(li);
  }

  var kindList = document.getElementById("legend-kinds");
  Object.keys(KINDS).concat(["OTHER"]).forEach(function (key) {
    if (key === "OTHER" && !kindCounts.OTHER) { return; }
    var kind = KINDS[key] || OTHER_KIND;
    var swatch = el("span", "swatch " + kind.shape);
    swatch.style.background = kind.color;
    swatch.style.color = kind.color;
    legendItem(kindList, swatch, kind.label, kindCounts[key] || 0, function (off) {
      hiddenKinds[key] = off;
    });
  });
  var relationList = document.getElementById("legend-relations");
  Object.keys(RELATIONS).forEach(function (key) {
    var rel = RELATIONS[key];
    var swatch = el("span", "line" + (rel.arrow ? " arrow" : ""));
    swatch.style.borderColor = rel.color;
    swatch.style.color = rel.color;
    legendItem(relationList, swatch, rel.label, relationCounts[key] || 0, function (off) {
      hiddenRelations[key] = off;
    });
  });

  // Details panel: every sentence of an edge, or every relation of an actor.
  var details = document.getElementById("details");
  var body = document.getElementById("details-body");
  function showEdge(e) {
    body.textContent = "";
    body.appendChild(el("h3", null, edgeHeading(e)));
    body.appendChild(el("div", "doc", e.documents + " document(s)"));
    var list = el("ol");
    e.evidence.forEach(function (item) { list.appendChild(evidenceItem(item, true)); });
    body.appendChild(list);
    if (e.documents > e.evidence.length) {
      body.appendChild(el("p", "more", (e.documents - e.evidence.length) +
        " more document(s): graphbuild query cypher/evidence.cypher"));
    }
    details.hidden = false;
  }
  function showNode(n) {
    body.textContent = "";
    body.appendChild(el("h3", null, n.name));
    body.appendChild(el("div", "doc", kindOf(n).label + " · " + n.mentions + " mention(s)"));
    if (n.aliases && n.aliases.length) {
      body.appendChild(el("p", null, "Also: " + n.aliases.join(", ")));
    }
    var list = el("ol");
    (edgesByNode[n.id] || []).slice().sort(function (x, y) {
      return y.documents - x.documents;
    }).forEach(function (e) {
      var li = el("li", null, edgeHeading(e) + " (" + e.documents + ")");
      li.style.cursor = "pointer";
      li.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e); });
      list.appendChild(li);
    });
    body.appendChild(list);
    details.hidden = false;
  }
  var edgesById = {};
  data.edges.forEach(function (e) { edgesById[e.id] = e; });
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(nodesById[params.nodes[0]]); }
    else if (params.edges.length) { showEdge(edgesById[params.edges[0]]); }
    else { details.hidden = true; }
  });
  document.getElementById("close").addEventListener("click", function () {
    details.hidden = true;
  });

  // Links into the page: graph.html#actor=Russia or #edge=e12 selects and explains.
  function follow() {
    var hash = decodeURIComponent(window.location.hash.slice(1));
    var eq = hash.indexOf("=");
    if (eq < 0) { return; }
    var kind = hash.slice(0, eq), value = hash.slice(eq + 1);
    if (kind === "edge" && edgesById[value]) {
      network.selectEdges([value]);
      showEdge(edgesById[value]);
    } else if (kind === "actor") {
      var id = lookup[value.trim().toLowerCase()];
      if (id === undefined) { return; }
      network.selectNodes([id]);
      network.focus(id, { scale: 1.3 });
      showNode(nodesById[id]);
    }
  }
  window.addEventListener("hashchange", follow);

  // Search by name or alias.
  var names = document.getElementById("names");
  var lookup = {};
  data.nodes.forEach(function (n) {
    [n.name].concat(n.aliases || []).forEach(function (name) {
      var key = name.toLowerCase();
      if (!(key in lookup)) { lookup[key] = n.id; }
    });
    var option = el("option");
    option.value = n.name;
    names.appendChild(option);
  });
  document.getElementById("search").addEventListener("change", function (ev) {
    var id = lookup[ev.target.value.trim().toLowerCase()];
    if (id === undefined) { return; }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: { duration: 400 } });
    showNode(nodesById[id]);
  });
  follow();
})();
