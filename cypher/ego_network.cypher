// An actor's neighbourhood: every relation of the actor, one row per (neighbour, relation).
// Guarantees: read-only; the actor is matched by canonical name or any alias, ignoring case; returns actor
//   ids in `source`/`target` (OPPOSES keeps its stored direction) so the result can be drawn:
//   `graphbuild viz --query cypher/ego_network.cypher --param name=Russia`.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: name=Russia
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($name)
      OR any(alias IN a.aliases WHERE toLower(alias) = toLower($name))
MATCH (a)-[r:MET_WITH|ALLIED_TO|OPPOSES]-(o:Actor)
WITH startNode(r) AS s, endNode(r) AS t, type(r) AS relation, count(r) AS documents
RETURN s.id AS source, t.id AS target, s.name AS source_name, relation, t.name AS target_name,
       documents
ORDER BY documents DESC, source_name, target_name, relation
