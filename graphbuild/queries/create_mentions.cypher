// One MENTIONED_IN edge per (actor, document) with the number of mentions, for documents
// that have none stored yet (the loader deletes the old ones of a changed document first).
// Rows are grouped by document, so each document is looked up once per batch.
// params: rows=[[document id, [[actor id, count], ...]], ...]
UNWIND $rows AS document
MATCH (d:Document {id: document[0]})
UNWIND document[1] AS row
MATCH (a:Actor {id: row[0]})
CREATE (a)-[:MENTIONED_IN {count: row[1]}]->(d)
