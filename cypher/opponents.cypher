// Opponents of an actor: whom it opposes, and who opposes it (OPPOSES is directed).
// Guarantees: read-only; the actor is matched by its canonical name or any alias, ignoring case; one row per
//   (opponent, direction): `direction` is "opposes" when the actor is the source and
//   "opposed by" when it is the target; most documents first, then by name; `docs` and
//   `example` (a sentence) start with the earliest dated document.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: name=Russia
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($name)
      OR any(alias IN a.aliases WHERE toLower(alias) = toLower($name))
MATCH (a)-[r:OPPOSES]-(other:Actor)
WITH a, r, other
ORDER BY r.date IS NULL, r.date, r.doc
WITH a, other, CASE WHEN startNode(r) = a THEN 'opposes' ELSE 'opposed by' END AS direction,
     count(r) AS documents, collect(DISTINCT r.doc) AS docs,
     head(collect(r.sentences[0])) AS example
RETURN a.name AS actor, direction, other.name AS opponent, other.kind AS kind,
       documents, docs, example
ORDER BY documents DESC, opponent, direction
