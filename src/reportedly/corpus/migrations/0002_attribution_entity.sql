-- Keep each attribution's resolved entity beside its source text, so speakers can be recomputed
-- from the store alone when the name rules change. Existing rows are filled from the stored records.

ALTER TABLE attributions ADD COLUMN entity TEXT;

UPDATE attributions SET entity = (
    SELECT json_extract(j.value, '$.source.entity')
    FROM documents d, json_each(d.record, '$.attributions') j
    WHERE d.rowid = attributions.doc_rowid AND json_extract(j.value, '$.id') = attributions.att_id
);
