// Schema for FalkorDB: range indexes on actor and document ids (the embedded store then
// adds unique constraints with GRAPH.CONSTRAINT, which needs these indexes first), and on
// the `doc` property of the relation types: replacing a changed document's edges and the
// library's per-document queries look relationships up by it.
// FalkorDB has no IF NOT EXISTS: the store skips an index `CALL db.indexes()` already lists.
// params: none
CREATE INDEX FOR (a:Actor) ON (a.id);
CREATE INDEX FOR (d:Document) ON (d.id);
CREATE INDEX FOR ()-[r:MET_WITH]-() ON (r.doc);
CREATE INDEX FOR ()-[r:ALLIED_TO]-() ON (r.doc);
CREATE INDEX FOR ()-[r:OPPOSES]-() ON (r.doc);
