// An actor's timeline: the documents that mention it, by document date, with what it did in each.
// Guarantees: read-only; the actor is matched by canonical name or any alias, ignoring case; one row per
//   document, oldest first, undated documents last (then by document id); `events` lists the
//   relations the document reports for the actor ("MET_WITH Iran", "OPPOSES <- Turkey" when
//   the actor is the one opposed), empty when the document only mentions it.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: name=Russia
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($name)
      OR any(alias IN a.aliases WHERE toLower(alias) = toLower($name))
MATCH (a)-[m:MENTIONED_IN]->(d:Document)
OPTIONAL MATCH (a)-[r:MET_WITH|ALLIED_TO|OPPOSES]-(o:Actor)
WHERE r.doc = d.id
WITH a, d, m, r, o
ORDER BY type(r), o.name
WITH a, d, m,
     collect(CASE WHEN r IS NULL THEN NULL
                  WHEN type(r) = 'OPPOSES' AND endNode(r) = a THEN 'OPPOSES <- ' + o.name
                  ELSE type(r) + ' ' + o.name END) AS events
RETURN d.date AS date, d.id AS doc, d.title AS title, a.name AS actor, m.count AS mentions,
       events
ORDER BY date IS NULL, date, doc
