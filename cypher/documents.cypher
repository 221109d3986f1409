// Documents: each document with its date, title and how many relations and actors it gave.
// Guarantees: read-only; one row per Document node, oldest first, undated last, then by id;
//   `relations` counts MET_WITH/ALLIED_TO/OPPOSES relationships whose `doc` is the document.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: limit=100
// defaults: limit=100
MATCH (d:Document)
OPTIONAL MATCH (a:Actor)-[:MENTIONED_IN]->(d)
// A relation's source is always mentioned in its document, so walking out from the mentioned
// actors finds every relation of the document without scanning all relationships.
OPTIONAL MATCH (a)-[r:MET_WITH|ALLIED_TO|OPPOSES]->(:Actor)
WHERE r.doc = d.id
WITH d, count(DISTINCT a) AS actors, count(DISTINCT r) AS relations
RETURN d.id AS doc, d.date AS date, d.title AS title, actors, relations, d.url AS url
ORDER BY date IS NULL, date, doc
LIMIT $limit
