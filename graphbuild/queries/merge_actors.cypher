// Create or update actors; the second label comes from `kind` through a fixed whitelist
// (PERSON -> Person, ORG -> Organization, STATE -> State) and is only touched when the kind
// changed (relabelling is the costly part of a reload). Aliases already stored are kept
// and new ones appended. `mentions` is recounted by count_mentions.cypher. Idempotent.
// params: rows=[{id, name, kind, aliases: [...]}, ...]
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
ON CREATE SET a.aliases = [], a.mentions = 0
SET a.name = row.name, a.kind = row.kind,
    a.aliases = a.aliases + [x IN row.aliases WHERE NOT x IN a.aliases]
FOREACH (_ IN CASE WHEN row.kind = 'PERSON' AND NOT a:Person THEN [1] ELSE [] END |
  REMOVE a:Organization:State SET a:Person)
FOREACH (_ IN CASE WHEN row.kind = 'ORG' AND NOT a:Organization THEN [1] ELSE [] END |
  REMOVE a:Person:State SET a:Organization)
FOREACH (_ IN CASE WHEN row.kind = 'STATE' AND NOT a:State THEN [1] ELSE [] END |
  REMOVE a:Person:Organization SET a:State)
