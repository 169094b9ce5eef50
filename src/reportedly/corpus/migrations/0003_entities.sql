-- The entity layer (document schema 1.1): each document's entities (the people, bodies, outlets,
-- documents and unnamed sources it refers to) with every mention of them, and each attribution's
-- entity id and resolution confidence. The tables, not the stored record, hold the entities (as
-- `spans` holds the layers): existing rows are filled from the stored records, which then drop
-- their copy. Records written before schema 1.1 have no entities and fill nothing.

CREATE TABLE entities (
    rowid       INTEGER PRIMARY KEY,
    doc_rowid   INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,              -- position in the document's entity list
    entity_id   TEXT NOT NULL,                 -- Entity.id ("e1"), what attributions.entity_id names
    name        TEXT NOT NULL,
    kind        TEXT,
    gender      TEXT,
    anonymous   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (doc_rowid, seq)
);
CREATE INDEX entities_doc ON entities (doc_rowid, entity_id);
CREATE INDEX entities_name ON entities (name);

CREATE TABLE entity_mentions (
    entity_rowid INTEGER NOT NULL REFERENCES entities (rowid) ON DELETE CASCADE,
    doc_rowid    INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         TEXT NOT NULL                 -- the mention as written ("he", "Mr. Obama")
);
CREATE INDEX entity_mentions_entity ON entity_mentions (entity_rowid, start);
CREATE INDEX entity_mentions_doc ON entity_mentions (doc_rowid);

ALTER TABLE attributions ADD COLUMN entity_id TEXT;
ALTER TABLE attributions ADD COLUMN confidence REAL;
CREATE INDEX attributions_entity ON attributions (doc_rowid, entity_id);

INSERT INTO entities (doc_rowid, seq, entity_id, name, kind, gender, anonymous)
SELECT d.rowid, CAST(e.key AS INTEGER), json_extract(e.value, '$.id'), coalesce(json_extract(e.value, '$.name'), ''),
       coalesce(json_extract(e.value, '$.kind'), 'person'), json_extract(e.value, '$.gender'),
       coalesce(json_extract(e.value, '$.anonymous'), 0) != 0
FROM documents d, json_each(d.record, '$.entities') e
WHERE json_type(d.record, '$.entities') = 'array' AND json_extract(e.value, '$.id') IS NOT NULL;

INSERT INTO entity_mentions (entity_rowid, doc_rowid, start, "end", text)
SELECT en.rowid, d.rowid, json_extract(m.value, '$[0]'), json_extract(m.value, '$[1]'),
       substr(json_extract(d.record, '$.text'), json_extract(m.value, '$[0]') + 1,
              json_extract(m.value, '$[1]') - json_extract(m.value, '$[0]'))
FROM documents d, json_each(d.record, '$.entities') e, json_each(e.value, '$.mentions') m
JOIN entities en ON en.doc_rowid = d.rowid AND en.seq = CAST(e.key AS INTEGER)
WHERE json_type(d.record, '$.entities') = 'array'
ORDER BY d.rowid, en.seq, json_extract(m.value, '$[0]');

UPDATE attributions SET
    entity_id = (
        SELECT json_extract(j.value, '$.source.entity_id')
        FROM documents d, json_each(d.record, '$.attributions') j
        WHERE d.rowid = attributions.doc_rowid AND json_extract(j.value, '$.id') = attributions.att_id),
    confidence = (
        SELECT json_extract(j.value, '$.source.confidence')
        FROM documents d, json_each(d.record, '$.attributions') j
        WHERE d.rowid = attributions.doc_rowid AND json_extract(j.value, '$.id') = attributions.att_id)
WHERE doc_rowid IN (SELECT rowid FROM documents WHERE record LIKE '%"entity_id"%' OR record LIKE '%"confidence"%');

UPDATE documents SET record = json_remove(record, '$.entities') WHERE json_type(record, '$.entities') IS NOT NULL;
