// One MENTIONED_IN edge per (actor, document) with the number of mentions, for documents
// that have none stored yet (the loader deletes the old ones of a changed document first).
// params: rows=[{actor, doc, count}, ...]
UNWIND $rows AS row
MATCH (a:Actor {id: row.actor}), (d:Document {id: row.doc})
CREATE (a)-[:MENTIONED_IN {count: row.count}]->(d)
