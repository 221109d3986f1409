// The stored sha256 of each listed document that exists (null: a load of it never finished).
// params: rows=[document id, ...]
// read-only
UNWIND $rows AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.sha256 AS sha256
