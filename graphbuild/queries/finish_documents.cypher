// Mark documents as completely loaded: their text hash and the digest of the edges just
// written for them. Idempotent.
// params: rows=[{id, sha256, load_digest}, ...]
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
SET d.sha256 = row.sha256, d.load_digest = row.load_digest
