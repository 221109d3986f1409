// Mark documents as completely loaded by storing their content hash. Idempotent.
// params: rows=[{id, sha256}, ...]
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
SET d.sha256 = row.sha256
