// Delete the MENTIONED_IN edges into the listed documents (before their new version is
// loaded). Idempotent.
// params: rows=[document id, ...]
UNWIND $rows AS id
MATCH (:Actor)-[m:MENTIONED_IN]->(:Document {id: id})
DELETE m
