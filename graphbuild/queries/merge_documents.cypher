// Create or update documents, all but sha256 and load_digest: finish_documents.cypher sets
// them once the document's edges are in, so an interrupted load is detected and redone.
// Idempotent.
// params: rows=[{id, path, title, date (ISO string or null), url}, ...]
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.path = row.path, d.title = row.title, d.date = row.date, d.url = row.url
