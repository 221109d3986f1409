// The actors already stored, for the resolver to attach new mentions to (stable ids).
// params: none. read-only
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases,
       a.mentions AS mentions
ORDER BY id
