// Who met whom: every pair of actors with a MET_WITH edge, most documents first.
// Guarantees: read-only; one row per unordered pair (MET_WITH is stored once per pair and
//   document, smaller actor id first, so the pattern is matched undirected and kept once);
//   `meetings` counts documents reporting the pair, `planned` those whose only evidence is a
//   plan ("will meet"); `documents` sorted; ties broken by names, so the order is stable.
// Runs on: Neo4j 5 and the embedded FalkorDB store. Drawable: `graphbuild viz --query`.
// params: limit=25
// defaults: limit=25
MATCH (a:Actor)-[r:MET_WITH]-(b:Actor)
WHERE a.id < b.id
WITH a, b, r
ORDER BY r.doc
WITH a, b, count(r) AS meetings,
     count(CASE WHEN r.modality = 'planned' THEN 1 END) AS planned,
     collect(DISTINCT r.doc) AS documents
RETURN a.name AS source, b.name AS target, 'MET_WITH' AS relation,
       meetings, planned, documents
ORDER BY meetings DESC, source, target
LIMIT $limit
