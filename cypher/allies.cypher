// Allies of an actor: everyone linked to it by ALLIED_TO, with the documents that say so.
// Guarantees: read-only; the actor is matched by its canonical name or any alias, ignoring case; ALLIED_TO is
//   symmetric (stored once per pair and document) so it is matched undirected; one row per
//   ally, most documents first, then by name; `docs` and `example` (a sentence) start with
//   the earliest dated document.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: name=Russia
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($name)
      OR any(alias IN a.aliases WHERE toLower(alias) = toLower($name))
MATCH (a)-[r:ALLIED_TO]-(ally:Actor)
WITH a, r, ally
ORDER BY r.date IS NULL, r.date, r.doc
WITH a, ally, count(r) AS documents, collect(DISTINCT r.doc) AS docs,
     head(collect(r.sentences[0])) AS example
RETURN a.name AS actor, ally.name AS ally, ally.kind AS kind, documents, docs, example
ORDER BY documents DESC, ally
