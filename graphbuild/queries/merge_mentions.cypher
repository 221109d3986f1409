// One MENTIONED_IN edge per (actor, document) with the number of mentions. Idempotent.
// params: rows=[{actor, doc, count}, ...]
UNWIND $rows AS row
MATCH (a:Actor {id: row.actor}), (d:Document {id: row.doc})
MERGE (a)-[m:MENTIONED_IN]->(d)
SET m.count = row.count
