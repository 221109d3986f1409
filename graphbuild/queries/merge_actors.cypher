// Create or update actors; the second label comes from `kind` through a fixed whitelist
// (PERSON -> Person, ORG -> Organization, STATE -> State). Aliases already stored are
// kept and new ones appended. `mentions` is recounted by count_mentions.cypher.
// Idempotent.
// params: rows=[{id, name, kind, aliases: [...]}, ...]
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
ON CREATE SET a.aliases = [], a.mentions = 0
SET a.name = row.name, a.kind = row.kind,
    a.aliases = a.aliases + [x IN row.aliases WHERE NOT x IN a.aliases]
REMOVE a:Person:Organization:State
FOREACH (_ IN CASE WHEN row.kind = 'PERSON' THEN [1] ELSE [] END | SET a:Person)
FOREACH (_ IN CASE WHEN row.kind = 'ORG' THEN [1] ELSE [] END | SET a:Organization)
FOREACH (_ IN CASE WHEN row.kind = 'STATE' THEN [1] ELSE [] END | SET a:State)
