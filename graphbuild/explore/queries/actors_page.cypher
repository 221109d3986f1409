// One page of Actor nodes in id order (keyset pagination: pass the last id seen as $after).
// params: after=; page=1000
MATCH (n:Actor)
WHERE n.id > $after
RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties
ORDER BY id
LIMIT $page
