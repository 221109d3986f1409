// Actors who oppose a common target: for each opposed actor, everyone opposing it.
// Guarantees: read-only; only targets opposed by two or more distinct actors; one row per
//   target with its opponents and the documents involved, both sorted; most opponents
//   first, then by target name.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: limit=25
// defaults: limit=25
MATCH (:Actor)-[r:OPPOSES]->(t:Actor)
WITH t, r
ORDER BY r.doc
WITH t, collect(DISTINCT r.doc) AS documents
MATCH (x:Actor)-[:OPPOSES]->(t)
WITH t, documents, x
ORDER BY x.name
WITH t, documents, collect(DISTINCT x.name) AS opponents
WHERE size(opponents) >= 2
RETURN t.name AS target, t.kind AS kind, size(opponents) AS opponent_count, opponents, documents
ORDER BY opponent_count DESC, target
LIMIT $limit
