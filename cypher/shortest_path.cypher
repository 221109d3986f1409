// The shortest chain of relations between two actors (at most 4 hops), with its evidence.
// Guarantees: read-only; both actors matched by canonical name or any alias, ignoring case; relations are
//   followed in either direction (symmetric ones are stored once); one row per hop of the
//   first shortest path found, in order from source to target; no rows when no chain of
//   4 hops or fewer exists.
// Dialects: FalkorDB cannot run an undirected shortestPath() (nor one in MATCH), so this
//   file enumerates bounded paths and keeps the shortest; it runs on both stores but costs
//   grow with the graph's density. On Neo4j 5 alone, for long paths or big graphs, replace
//   the third MATCH and the WITH after it by:
//     MATCH p = shortestPath((a)-[:MET_WITH|ALLIED_TO|OPPOSES*..10]-(b))
//     WITH p, length(p) AS hops
// params: source=John Kerry; target=Islamic State
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($source)
      OR any(alias IN a.aliases WHERE toLower(alias) = toLower($source))
MATCH (b:Actor)
WHERE (toLower(b.name) = toLower($target)
      OR any(alias IN b.aliases WHERE toLower(alias) = toLower($target))) AND a <> b
MATCH p = (a)-[:MET_WITH|ALLIED_TO|OPPOSES*1..4]-(b)
WITH p, length(p) AS hops
ORDER BY hops
LIMIT 1
UNWIND range(0, hops - 1) AS i
WITH hops, i, nodes(p)[i] AS x, relationships(p)[i] AS r, nodes(p)[i + 1] AS y
RETURN i + 1 AS hop, hops, x.name AS source, type(r) AS relation,
       CASE WHEN type(r) <> 'OPPOSES' THEN '--' WHEN startNode(r) = x THEN '->' ELSE '<-' END
         AS direction,
       y.name AS target, r.doc AS doc, r.sentences[0] AS sentence
ORDER BY hop
