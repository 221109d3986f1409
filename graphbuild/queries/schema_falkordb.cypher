// Schema for FalkorDB: range indexes on actor and document ids (the embedded store then
// adds unique constraints with GRAPH.CONSTRAINT, which needs these indexes first).
// FalkorDB has no IF NOT EXISTS: the store skips an index `CALL db.indexes()` already lists.
// params: none
CREATE INDEX FOR (a:Actor) ON (a.id);
CREATE INDEX FOR (d:Document) ON (d.id);
