// Documents: each document with its date, title and how many relations and actors it gave.
// Guarantees: read-only; one row per Document node, oldest first, undated last, then by id,
//   up to `limit`; `relations` counts MET_WITH/ALLIED_TO/OPPOSES relationships whose `doc`
//   is the document.
// Cost: the documents are cut to `limit` first; each one's relations are then looked up by
//   the index on the relations' `doc` (both stores), so the answer takes well under 2 s on
//   100k edges.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: limit=100
// defaults: limit=100
MATCH (d:Document)
WITH d ORDER BY d.date IS NULL, d.date, d.id
LIMIT $limit
OPTIONAL MATCH (a:Actor)-[:MENTIONED_IN]->(d)
WITH d, count(DISTINCT a) AS actors
OPTIONAL MATCH ()-[m:MET_WITH]->() WHERE m.doc = d.id
WITH d, actors, count(m) AS met
OPTIONAL MATCH ()-[l:ALLIED_TO]->() WHERE l.doc = d.id
WITH d, actors, met, count(l) AS allied
OPTIONAL MATCH ()-[o:OPPOSES]->() WHERE o.doc = d.id
WITH d, actors, met, allied, count(o) AS opposes
RETURN d.id AS doc, d.date AS date, d.title AS title, actors, met + allied + opposes AS relations,
       d.url AS url
ORDER BY date IS NULL, date, doc
