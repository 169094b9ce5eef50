-- Each statement keeps its document's outlet (`outlet_key`, as `documents.outlet_key`), with an index on
-- the outlet and the statement's day: an outlet's newest statements are the first entries of that index,
-- whatever the size of the corpus or of the outlet. Before, listing them read every statement of the
-- outlet through its documents and sorted them all (in a corpus of a million articles, hundreds of
-- thousands per outlet), or read every statement newer than the outlet's newest. A document's outlet
-- never changes once stored (an article filed again is stored anew), so the copy stays right. Filled here
-- from each document's head (`documents_head`: not through the row, whose text comes first).

ALTER TABLE attributions ADD COLUMN outlet_key TEXT;
UPDATE attributions SET outlet_key = (SELECT d.outlet_key FROM documents d INDEXED BY documents_head
                                      WHERE d.rowid = attributions.doc_rowid);
CREATE INDEX attributions_outlet ON attributions (outlet_key, day);
