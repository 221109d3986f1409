// Actor-to-actor relationships of the given types leaving the given actors, stable order.
// params: ids=["a1","a2"]; types=["MET_WITH","ALLIED_TO","OPPOSES"]
MATCH (s:Actor)-[r]->(t:Actor)
WHERE s.id IN $ids AND type(r) IN $types
RETURN s.id AS source, type(r) AS type, t.id AS target, properties(r) AS properties
ORDER BY source, type, target, r.doc
