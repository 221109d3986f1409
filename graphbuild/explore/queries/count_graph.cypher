// Node and relationship counts of the whole graph (what an export must reproduce).
// params: (none)
MATCH (n)
WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->()
RETURN nodes, count(r) AS relationships
