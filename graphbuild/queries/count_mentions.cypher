// Recount each listed actor's `mentions` from its MENTIONED_IN edges. Idempotent.
// params: rows=[actor id, ...]
UNWIND $rows AS id
MATCH (a:Actor {id: id})
OPTIONAL MATCH (a)-[m:MENTIONED_IN]->(:Document)
WITH a, sum(m.count) AS n
SET a.mentions = toInteger(n)
