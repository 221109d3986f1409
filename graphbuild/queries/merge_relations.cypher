// One relationship per (source, type, target, document) with its evidence. The type
// comes from a fixed whitelist (MET_WITH, ALLIED_TO, OPPOSES); symmetric ones arrive with
// source id < target id. Properties are replaced, not appended: a rerun changes nothing.
// params: rows=[{source, target, type, doc, sentences: [...], modality, date, rule}, ...]
UNWIND $rows AS row
MATCH (s:Actor {id: row.source}), (t:Actor {id: row.target})
FOREACH (_ IN CASE WHEN row.type = 'MET_WITH' THEN [1] ELSE [] END |
  MERGE (s)-[r:MET_WITH {doc: row.doc}]->(t)
  SET r.sentences = row.sentences, r.modality = row.modality, r.date = row.date,
      r.rule = row.rule)
FOREACH (_ IN CASE WHEN row.type = 'ALLIED_TO' THEN [1] ELSE [] END |
  MERGE (s)-[r:ALLIED_TO {doc: row.doc}]->(t)
  SET r.sentences = row.sentences, r.modality = row.modality, r.date = row.date,
      r.rule = row.rule)
FOREACH (_ IN CASE WHEN row.type = 'OPPOSES' THEN [1] ELSE [] END |
  MERGE (s)-[r:OPPOSES {doc: row.doc}]->(t)
  SET r.sentences = row.sentences, r.modality = row.modality, r.date = row.date,
      r.rule = row.rule)
