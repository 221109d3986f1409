// The most connected actors: distinct neighbours over MET_WITH, ALLIED_TO and OPPOSES.
// Guarantees: read-only; `neighbours` counts distinct actors, the per-relation columns count
//   stored relationships (one per document), `documents` counts documents mentioning the
//   actor; ties broken by mentions then name; actors with no relation are left out.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: limit=10
// defaults: limit=10
MATCH (a:Actor)-[r:MET_WITH|ALLIED_TO|OPPOSES]-(b:Actor)
WITH a, count(DISTINCT b) AS neighbours,
     count(CASE WHEN type(r) = 'MET_WITH' THEN 1 END) AS met_with,
     count(CASE WHEN type(r) = 'ALLIED_TO' THEN 1 END) AS allied_to,
     count(CASE WHEN type(r) = 'OPPOSES' THEN 1 END) AS opposes
OPTIONAL MATCH (a)-[:MENTIONED_IN]->(d:Document)
WITH a, neighbours, met_with, allied_to, opposes, count(DISTINCT d) AS documents
RETURN a.name AS actor, a.kind AS kind, neighbours, met_with, allied_to, opposes, documents,
       a.mentions AS mentions
ORDER BY neighbours DESC, mentions DESC, actor
LIMIT $limit
