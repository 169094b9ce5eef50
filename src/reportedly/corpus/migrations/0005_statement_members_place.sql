-- Statements kept without reading their members' articles: each member of a statement carries its
-- document's publication day and outlet and the outlet its relay chain names, so adding a document to
-- a statement seen a thousand times reads a few small rows of `statement_members` (through the index
-- below) rather than a thousand documents. `reportedly.corpus.trace` fills them as it clusters.

ALTER TABLE statement_members ADD COLUMN day TEXT;          -- documents.day of doc_rowid
ALTER TABLE statement_members ADD COLUMN outlet_key TEXT;   -- documents.outlet_key of doc_rowid
ALTER TABLE statement_members ADD COLUMN relay TEXT;        -- the outlet the occurrence says it relays (trace.relay_outlet)

UPDATE statement_members SET
    day = (SELECT d.day FROM documents d WHERE d.rowid = statement_members.doc_rowid),
    outlet_key = (SELECT d.outlet_key FROM documents d WHERE d.rowid = statement_members.doc_rowid),
    relay = (SELECT CASE WHEN a.via_outlet != '' THEN a.via_outlet
                         WHEN a.source_kind = 'outlet' THEN coalesce(nullif(a.entity, ''), nullif(a.source_text, ''))
                    END FROM attributions a WHERE a.rowid = statement_members.att_rowid);

-- a statement's outlets and, per outlet, its documents by date; it serves `statement_id = ?` alone too
CREATE INDEX statement_members_outlet ON statement_members (statement_id, outlet_key, day);
DROP INDEX statement_members_statement;
-- the occurrences of a statement that say they relay an outlet (a new article may be their source)
CREATE INDEX statement_members_relay ON statement_members (statement_id) WHERE relay IS NOT NULL;

-- Contents that name a topic rather than report words ("defended [her record as secretary of
-- state]") are no longer clustered: a store that holds statements is clustered again once, the first
-- time it is opened for writing.
INSERT OR REPLACE INTO statement_state (key, value) SELECT 'stale', '1' WHERE EXISTS (SELECT 1 FROM statement_members);
