// An actor's timeline: what it did when, by the date of the event, else of the document.
// Guarantees: read-only; the actor is matched by canonical name or any alias, ignoring case;
//   one row per document and date, oldest first, undated last (then by document id). `date` is the
//   edge's event date (the earliest its sentences state: "2015-11-04", "2015-11" or "2015")
//   when it has one, else the document's date; `dated_by` says which: "event", "document",
//   or null when neither is known. `events` lists the relations of that row ("MET_WITH Iran",
//   "OPPOSES <- Turkey" when the actor is the one opposed); a document that only mentions
//   the actor has one row dated by the document, with no events. Every document mentioning
//   the actor appears at least once.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: name=Russia
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($name)
      OR any(alias IN a.aliases WHERE toLower(alias) = toLower($name))
MATCH (a)-[m:MENTIONED_IN]->(d:Document)
OPTIONAL MATCH (a)-[r:MET_WITH|ALLIED_TO|OPPOSES]-(o:Actor)
WHERE r.doc = d.id
WITH a, d, m, r, o,
     CASE WHEN r IS NOT NULL AND r.event_date IS NOT NULL THEN r.event_date
          ELSE d.date END AS date,
     CASE WHEN r IS NOT NULL AND r.event_date IS NOT NULL THEN 'event'
          WHEN d.date IS NOT NULL THEN 'document' END AS dated_by
ORDER BY type(r), o.name
WITH a, d, m, date, dated_by,
     collect(CASE WHEN r IS NULL THEN NULL
                  WHEN type(r) = 'OPPOSES' AND endNode(r) = a THEN 'OPPOSES <- ' + o.name
                  ELSE type(r) + ' ' + o.name END) AS events
RETURN date, dated_by, d.id AS doc, d.title AS title, d.date AS document_date,
       a.name AS actor, m.count AS mentions, events
ORDER BY date IS NULL, date, doc, dated_by
