-- The corpus store, first version: documents, their layers, attributions, speakers, claims,
-- provenance, the inputs already ingested, and full-text indexes over bodies and contents.

CREATE TABLE documents (
    rowid       INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,          -- Document.id (hash of the text)
    input       TEXT NOT NULL,
    text_hash   TEXT NOT NULL,                 -- sha256 of the text
    title       TEXT,
    content     TEXT NOT NULL,                 -- what full-text search indexes: the body, else the text
    date        TEXT,                          -- publication date, ISO 8601 as given
    day         TEXT,                          -- date[:10], for range filters
    month       TEXT,                          -- date[:7]
    outlet      TEXT NOT NULL,                 -- sitename, else URL host, else headline credit, else 'unknown'
    outlet_key  TEXT NOT NULL,                 -- lower-cased outlet
    url         TEXT,
    format      TEXT,
    record      TEXT NOT NULL,                 -- Document.to_dict(include_layers=False) as JSON
    added_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_outlet ON documents (outlet_key, day);
CREATE INDEX documents_day ON documents (day);

CREATE TABLE spans (
    doc_rowid   INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    layer       TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    label       TEXT,
    data        TEXT
);
CREATE INDEX spans_doc ON spans (doc_rowid, layer);

CREATE TABLE speakers (
    id          TEXT PRIMARY KEY,              -- slug of the canonical name
    name        TEXT NOT NULL,
    kind        TEXT,
    surname     TEXT
);
CREATE INDEX speakers_surname ON speakers (surname);

CREATE TABLE attributions (
    rowid        INTEGER PRIMARY KEY,
    doc_rowid    INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    att_id       TEXT NOT NULL,
    speaker_name TEXT,                          -- normalised name (titles stripped), NULL when anonymous
    speaker_id   TEXT,                          -- resolved speaker across the corpus
    source_text  TEXT NOT NULL DEFAULT '',
    source_kind  TEXT,
    anonymous    INTEGER NOT NULL DEFAULT 0,
    description  TEXT,
    role         TEXT,
    mention      TEXT,
    kind         TEXT,
    cue_text     TEXT NOT NULL DEFAULT '',
    content_text TEXT NOT NULL DEFAULT '',
    hedges       TEXT NOT NULL DEFAULT '[]',
    hedged       INTEGER NOT NULL DEFAULT 0,
    date         TEXT,                          -- statement date when the text gives it
    day          TEXT,                          -- statement date, else document date, [:10]
    via          TEXT,                          -- id of the attribution this one was relayed through
    via_outlet   TEXT COLLATE NOCASE,           -- first outlet on the via chain
    score        REAL,
    component    TEXT,
    UNIQUE (doc_rowid, att_id)
);
CREATE INDEX attributions_speaker ON attributions (speaker_id, day);
CREATE INDEX attributions_name ON attributions (speaker_name);
CREATE INDEX attributions_anonymous ON attributions (anonymous, doc_rowid);
CREATE INDEX attributions_hedged ON attributions (hedged, doc_rowid);
CREATE INDEX attributions_via ON attributions (via_outlet);

CREATE TABLE claims (
    doc_rowid   INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    reason      TEXT,
    spans       TEXT NOT NULL,
    component   TEXT
);
CREATE INDEX claims_doc ON claims (doc_rowid);

CREATE TABLE provenance (
    doc_rowid   INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    component   TEXT NOT NULL,
    version     TEXT NOT NULL
);
CREATE INDEX provenance_doc ON provenance (doc_rowid);

-- Input files whose every document is stored: a rerun skips them before analysis.
CREATE TABLE inputs (
    hash        TEXT PRIMARY KEY,              -- sha256 of the input bytes
    path        TEXT NOT NULL,
    documents   INTEGER NOT NULL,
    added_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, content, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE attributions_fts USING fts5 (
    content_text, source_text, content='attributions', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
