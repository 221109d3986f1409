// Every relationship leaving the given actors (all types), in a stable order.
// params: ids=["a1","a2"]
MATCH (s:Actor)-[r]->(t)
WHERE s.id IN $ids
RETURN s.id AS source, type(r) AS type, t.id AS target, labels(t) AS target_labels,
       properties(r) AS properties
ORDER BY source, type, target, r.doc
