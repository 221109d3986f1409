// Every actor id (to recount mentions after documents were replaced).
// params: none. read-only
MATCH (a:Actor)
RETURN a.id AS id
