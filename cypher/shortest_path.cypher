// The shortest chain of relations between two actors (at most 4 hops), with its evidence.
// Guarantees: read-only; both actors matched by canonical name or any alias, ignoring case;
//   relations are followed in either direction (symmetric ones are stored once); one row
//   per hop of a shortest chain, in order from source to target; among chains of that
//   length, the one whose actors come first by name; each hop shows one relation between
//   its two actors (the first by document id); no rows when no chain of 4 hops or fewer
//   exists.
// Cost: a bidirectional search on distinct actors, one length at a time, that stops at the
//   first length with a chain (a longer search starts from a null actor, which matches
//   nothing): it never enumerates paths or parallel edges, so it answers in well under
//   2 s on 100k edges on both stores. (FalkorDB has no undirected shortestPath(), and its
//   algo.SPpaths procedure enumerates paths and does not end on a hub.)
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: source=John Kerry; target=Islamic State
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($source)
      OR any(alias IN a.aliases WHERE toLower(alias) = toLower($source))
MATCH (b:Actor)
WHERE (toLower(b.name) = toLower($target)
      OR any(alias IN b.aliases WHERE toLower(alias) = toLower($target))) AND a <> b
// One hop.
OPTIONAL MATCH (a)-[r1:MET_WITH|ALLIED_TO|OPPOSES]-(b)
WITH a, b, CASE WHEN count(r1) > 0 THEN [a, b] END AS route
// Two hops, only when one found nothing: a null start node matches nothing.
UNWIND CASE WHEN route IS NULL THEN [a] ELSE [null] END AS s2
OPTIONAL MATCH (s2)-[:MET_WITH|ALLIED_TO|OPPOSES]-(x2:Actor)-[:MET_WITH|ALLIED_TO|OPPOSES]-(b)
WHERE x2 <> s2 AND x2 <> b
WITH a, b, route, x2
ORDER BY x2.name, x2.id
WITH a, b, route, collect(x2)[..1] AS via2
WITH a, b, CASE WHEN route IS NOT NULL THEN route
                WHEN size(via2) > 0 THEN [a, via2[0], b] END AS route
// Three hops: every distinct neighbour of a, then its neighbours next to b.
UNWIND CASE WHEN route IS NULL THEN [a] ELSE [null] END AS s3
OPTIONAL MATCH (s3)-[:MET_WITH|ALLIED_TO|OPPOSES]-(x3:Actor)
WITH DISTINCT a, b, route, x3
OPTIONAL MATCH (x3)-[:MET_WITH|ALLIED_TO|OPPOSES]-(y3:Actor)-[:MET_WITH|ALLIED_TO|OPPOSES]-(b)
WHERE x3 <> b AND y3 <> a AND y3 <> x3 AND y3 <> b
WITH a, b, route, x3, y3
ORDER BY x3.name, x3.id, y3.name, y3.id
WITH a, b, route, collect(CASE WHEN y3 IS NOT NULL THEN [x3, y3] END)[..1] AS via3
WITH a, b, CASE WHEN route IS NOT NULL THEN route
                WHEN size(via3) > 0 THEN [a] + via3[0] + [b] END AS route
// Four hops: every distinct actor two hops from a, then two hops on to b.
UNWIND CASE WHEN route IS NULL THEN [a] ELSE [null] END AS s4
OPTIONAL MATCH (s4)-[:MET_WITH|ALLIED_TO|OPPOSES]-(:Actor)-[:MET_WITH|ALLIED_TO|OPPOSES]-(z4:Actor)
WITH DISTINCT a, b, route, z4
OPTIONAL MATCH (z4)-[:MET_WITH|ALLIED_TO|OPPOSES]-(w4:Actor)-[:MET_WITH|ALLIED_TO|OPPOSES]-(b)
WHERE z4 <> a AND z4 <> b AND w4 <> a AND w4 <> z4 AND w4 <> b
WITH a, b, route, z4, w4
ORDER BY z4.name, z4.id, w4.name, w4.id
WITH a, b, route, collect(CASE WHEN w4 IS NOT NULL THEN [z4, w4] END)[..1] AS via4
WITH a, b, route, via4, CASE WHEN size(via4) > 0 THEN via4[0][0] END AS z
OPTIONAL MATCH (z)-[:MET_WITH|ALLIED_TO|OPPOSES]-(x4:Actor)-[:MET_WITH|ALLIED_TO|OPPOSES]-(a)
WHERE x4 <> a AND x4 <> z
WITH a, b, route, via4, x4
ORDER BY x4.name, x4.id
WITH a, b, route, via4, collect(x4)[..1] AS x4
WITH CASE WHEN route IS NOT NULL THEN route
          WHEN size(via4) > 0 AND size(x4) > 0 THEN [a, x4[0]] + via4[0] + [b] END AS route
WHERE route IS NOT NULL
// One row per hop, with the evidence of one relation between its two actors.
UNWIND range(0, size(route) - 2) AS i
WITH route, i, route[i] AS x, route[i + 1] AS y
MATCH (x)-[r:MET_WITH|ALLIED_TO|OPPOSES]-(y)
WITH route, i, x, y, r
ORDER BY i, r.doc, type(r)
WITH route, i, x, y, collect(r)[0] AS r
RETURN i + 1 AS hop, size(route) - 1 AS hops, x.name AS source, type(r) AS relation,
       CASE WHEN type(r) <> 'OPPOSES' THEN '--' WHEN startNode(r) = x THEN '->' ELSE '<-' END
         AS direction,
       y.name AS target, r.doc AS doc, r.sentences[0] AS sentence
ORDER BY hop
