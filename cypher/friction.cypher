// Friction: A is allied to B while A opposes C, one of B's own allies.
// Guarantees: read-only; ALLIED_TO is matched undirected, OPPOSES from A to C; A, B and C are
//   three distinct actors (columns actor = A, ally = B, opposed = C); one row per (A, B, C)
//   with the documents of each leg, ordered by names. LIMIT bounds the work, not only the
//   rows: actors A are taken in name order and the search stops once `limit` triangles are
//   found, so every A before the last one listed is complete, and the last one may have
//   more triangles than shown (raise `limit` to see them).
// Cost: the triangles are found on distinct actor pairs (not on one edge per document),
//   lazily in A's name order, so the answer takes well under 2 s on 100k edges; with a
//   huge `limit` on a dense graph it walks every triangle.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: limit=50
// defaults: limit=50
MATCH (a:Actor)
WITH a
ORDER BY a.name, a.id
MATCH (a)-[:OPPOSES]->(c:Actor)
WHERE a <> c
WITH DISTINCT a, c
MATCH (a)-[:ALLIED_TO]-(b:Actor)
WHERE b <> a AND b <> c
WITH DISTINCT a, b, c
MATCH (b)-[:ALLIED_TO]-(c)
WITH DISTINCT a, b, c
LIMIT $limit
MATCH (a)-[ab:ALLIED_TO]-(b)
WITH a, b, c, collect(DISTINCT ab.doc) AS allied_docs
MATCH (b)-[bc:ALLIED_TO]-(c)
WITH a, b, c, allied_docs, collect(DISTINCT bc.doc) AS ally_docs
MATCH (a)-[ac:OPPOSES]->(c)
WITH a, b, c, allied_docs, ally_docs, collect(DISTINCT ac.doc) AS opposes_docs
RETURN a.name AS actor, b.name AS ally, c.name AS opposed, allied_docs, ally_docs,
       opposes_docs
ORDER BY actor, ally, opposed
