// Delete actors left with no edge at all (their only document changed). Idempotent.
// params: none
MATCH (a:Actor)
OPTIONAL MATCH (a)-[r]-()
WITH a, count(r) AS n
WHERE n = 0
DELETE a
