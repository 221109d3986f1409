// Friction: A is allied to B while A opposes C, one of B's own allies.
// Guarantees: read-only; ALLIED_TO is matched undirected, OPPOSES from A to C; A, B and C are
//   three distinct actors (columns actor = A, ally = B, opposed = C); one row per (A, B, C)
//   with the documents of each leg, ordered by names; LIMIT bounds the rows.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: limit=50
// defaults: limit=50
MATCH (a:Actor)-[ab:ALLIED_TO]-(b:Actor)-[bc:ALLIED_TO]-(c:Actor)
WHERE a <> c
MATCH (a)-[ac:OPPOSES]->(c)
WITH a, b, c, collect(DISTINCT ab.doc) AS allied_docs, collect(DISTINCT bc.doc) AS ally_docs,
     collect(DISTINCT ac.doc) AS opposes_docs
RETURN a.name AS actor, b.name AS ally, c.name AS opposed, allied_docs, ally_docs,
       opposes_docs
ORDER BY actor, ally, opposed
LIMIT $limit
