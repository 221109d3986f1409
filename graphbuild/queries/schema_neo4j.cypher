// Schema for Neo4j 5: unique ids on actors and documents (each creates its backing index),
// and an index on the `doc` property of the relation types, used to replace a changed
// document's edges. Idempotent (IF NOT EXISTS). Works on community edition.
// params: none
CREATE CONSTRAINT graphbuild_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT graphbuild_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE INDEX graphbuild_met_with_doc IF NOT EXISTS FOR ()-[r:MET_WITH]-() ON (r.doc);
CREATE INDEX graphbuild_allied_to_doc IF NOT EXISTS FOR ()-[r:ALLIED_TO]-() ON (r.doc);
CREATE INDEX graphbuild_opposes_doc IF NOT EXISTS FOR ()-[r:OPPOSES]-() ON (r.doc);
