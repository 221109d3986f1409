// Delete the actor-to-actor relationships read from the listed documents (before their
// new version is loaded). Idempotent.
// params: rows=[document id, ...]
MATCH (:Actor)-[r:MET_WITH|ALLIED_TO|OPPOSES]->(:Actor)
WHERE r.doc IN $rows
DELETE r
