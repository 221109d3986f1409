// Create the relationships of one type read from documents that have none stored yet
// (new, changed or interrupted ones: the loader deletes their old edges first). Rows are
// grouped by source actor, so each source is looked up once per batch. RELATION_TYPE is
// replaced by the loader with one of MET_WITH, ALLIED_TO, OPPOSES (a fixed whitelist);
// symmetric ones arrive with source id < target id.
// event_dates runs beside sentences (one per sentence, "" when it states no date; Neo4j
// stores no null inside a list); event_date is the earliest of them, or null.
// params: rows=[[source id, [[target id, doc, sentences: [...], modality, date, rule,
//                             event_dates: [...], event_date], ...]], ...]
UNWIND $rows AS source
MATCH (s:Actor {id: source[0]})
UNWIND source[1] AS row
MATCH (t:Actor {id: row[0]})
CREATE (s)-[:RELATION_TYPE {doc: row[1], sentences: row[2], modality: row[3], date: row[4],
                            rule: row[5], event_dates: row[6], event_date: row[7]}]->(t)
