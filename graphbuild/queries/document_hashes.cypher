// The stored sha256 and load_digest of each listed document that exists (a null
// load_digest: a load of it never finished).
// params: rows=[document id, ...]
// read-only
UNWIND $rows AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.sha256 AS sha256, d.load_digest AS load_digest
