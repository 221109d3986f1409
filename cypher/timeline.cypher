// An actor's timeline: what it did when, by the date of the event, else of the document.
// Guarantees: read-only; the actor is matched by canonical name or any alias, ignoring case;
//   one row per document and date, oldest first, undated last (then by document id). `date` is the
//   edge's event date (the earliest its sentences state: "2015-11-04", "2015-11" or "2015")
//   when it has one, else the document's date; `dated_by` says which: "event", "document",
//   or null when neither is known. `events` lists the relations of that row ("MET_WITH Iran",
//   "OPPOSES <- Turkey" when the actor is the one opposed); a document that only mentions
//   the actor has one row dated by the document, with no events. Every document mentioning
//   the actor appears at least once, up to `limit` rows (the oldest).
// Cost: one pass over the actor's relations and mentions, then an index lookup per
//   document (no per-document scan of the actor's relations), so a hub answers in well
//   under 2 s on 100k edges.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: name=Russia; limit=200
// defaults: limit=200
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($name)
      OR any(alias IN a.aliases WHERE toLower(alias) = toLower($name))
OPTIONAL MATCH (a)-[r:MET_WITH|ALLIED_TO|OPPOSES]-(o:Actor)
WITH a, r, o
ORDER BY type(r), o.name
WITH a, r.doc AS doc, r.event_date AS event_date,
     collect(CASE WHEN type(r) = 'OPPOSES' AND endNode(r) = a THEN 'OPPOSES <- ' + o.name
                  ELSE type(r) + ' ' + o.name END) AS events
WITH a, collect(CASE WHEN doc IS NOT NULL
                     THEN {doc: doc, event_date: event_date, events: events} END) AS groups,
     collect(doc) AS seen
OPTIONAL MATCH (a)-[:MENTIONED_IN]->(quiet:Document)
WHERE NOT quiet.id IN seen
WITH a, groups, collect(CASE WHEN quiet IS NOT NULL
                             THEN {doc: quiet.id, event_date: null, events: []} END) AS quiet
UNWIND groups + quiet AS g
MATCH (d:Document {id: g.doc})
WITH a, g, d
MATCH (a)-[m:MENTIONED_IN]->(d)
WITH a, m, d, g,
     CASE WHEN g.event_date IS NOT NULL THEN g.event_date ELSE d.date END AS date
RETURN date,
       CASE WHEN g.event_date IS NOT NULL THEN 'event'
            WHEN d.date IS NOT NULL THEN 'document' END AS dated_by,
       d.id AS doc, d.title AS title, d.date AS document_date, a.name AS actor,
       m.count AS mentions, g.events AS events
ORDER BY date IS NULL, date, doc, dated_by
LIMIT $limit
