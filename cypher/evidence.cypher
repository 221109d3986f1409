// Evidence for the edges between two actors: every sentence and the document it came from.
// Guarantees: read-only; both actors are matched by canonical name or any alias, ignoring case; all three
//   relation types, in either direction (`direction` says which way an OPPOSES edge points:
//   "->" from source to target, "<-" the other way, "--" for the symmetric relations); one row
//   per stored relationship (one per document), ordered by document date (undated last);
//   `event_dates` gives each sentence's event date ("" when it states none), `event_date`
//   the earliest.
// Runs on: Neo4j 5 and the embedded FalkorDB store.
// params: source=Sergei Lavrov; target=Staffan de Mistura
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($source)
      OR any(alias IN a.aliases WHERE toLower(alias) = toLower($source))
MATCH (b:Actor)
WHERE toLower(b.name) = toLower($target)
      OR any(alias IN b.aliases WHERE toLower(alias) = toLower($target))
MATCH (a)-[r:MET_WITH|ALLIED_TO|OPPOSES]-(b)
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN a.name AS source, type(r) AS relation,
       CASE WHEN type(r) <> 'OPPOSES' THEN '--' WHEN startNode(r) = a THEN '->' ELSE '<-' END
         AS direction,
       b.name AS target, r.modality AS modality, r.sentences AS sentences,
       r.event_dates AS event_dates, r.event_date AS event_date,
       r.doc AS doc, d.title AS title, d.date AS date, d.url AS url, d.path AS path
ORDER BY date IS NULL, date, doc, relation
