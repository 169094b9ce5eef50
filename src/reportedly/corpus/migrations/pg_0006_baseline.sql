-- The corpus store on PostgreSQL, as SQLite's migrations 0001-0006 leave it: a new database starts
-- here. Text is compared byte by byte (COLLATE "C"), as SQLite compares it, whatever the database's
-- locale. Each full-text table holds one tsvector per row (reportedly.corpus.postgres builds it with
-- FTS5's word rules) under a GIN index. Flags are integers (0/1) as in SQLite.

CREATE TABLE documents (
    rowid       BIGSERIAL PRIMARY KEY,
    id          TEXT COLLATE "C" NOT NULL UNIQUE,
    input       TEXT COLLATE "C" NOT NULL,
    text_hash   TEXT COLLATE "C" NOT NULL,
    title       TEXT COLLATE "C",
    content     TEXT COLLATE "C" NOT NULL,
    date        TEXT COLLATE "C",
    day         TEXT COLLATE "C",
    month       TEXT COLLATE "C",
    outlet      TEXT COLLATE "C" NOT NULL,
    outlet_key  TEXT COLLATE "C" NOT NULL,
    url         TEXT COLLATE "C",
    format      TEXT COLLATE "C",
    record      TEXT COLLATE "C" NOT NULL,
    added_at    TEXT COLLATE "C" NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
);
CREATE INDEX documents_outlet ON documents (outlet_key, day);
CREATE INDEX documents_day ON documents (day);

CREATE TABLE spans (
    rowid       BIGSERIAL,
    doc_rowid   BIGINT NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    layer       TEXT COLLATE "C" NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    label       TEXT COLLATE "C",
    data        TEXT COLLATE "C"
);
CREATE INDEX spans_doc ON spans (doc_rowid, layer);

CREATE TABLE speakers (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT COLLATE "C" NOT NULL,
    kind        TEXT COLLATE "C",
    surname     TEXT COLLATE "C"
);
CREATE INDEX speakers_surname ON speakers (surname);

CREATE TABLE attributions (
    rowid        BIGSERIAL PRIMARY KEY,
    doc_rowid    BIGINT NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    att_id       TEXT COLLATE "C" NOT NULL,
    speaker_name TEXT COLLATE "C",
    speaker_id   TEXT COLLATE "C",
    source_text  TEXT COLLATE "C" NOT NULL DEFAULT '',
    source_kind  TEXT COLLATE "C",
    anonymous    INTEGER NOT NULL DEFAULT 0,
    description  TEXT COLLATE "C",
    role         TEXT COLLATE "C",
    mention      TEXT COLLATE "C",
    kind         TEXT COLLATE "C",
    cue_text     TEXT COLLATE "C" NOT NULL DEFAULT '',
    content_text TEXT COLLATE "C" NOT NULL DEFAULT '',
    hedges       TEXT COLLATE "C" NOT NULL DEFAULT '[]',
    hedged       INTEGER NOT NULL DEFAULT 0,
    date         TEXT COLLATE "C",
    day          TEXT COLLATE "C",
    via          TEXT COLLATE "C",
    via_outlet   TEXT COLLATE "C",
    score        DOUBLE PRECISION,
    component    TEXT COLLATE "C",
    entity       TEXT COLLATE "C",
    entity_id    TEXT COLLATE "C",
    confidence   DOUBLE PRECISION,
    UNIQUE (doc_rowid, att_id)
);
CREATE INDEX attributions_speaker ON attributions (speaker_id, day);
CREATE INDEX attributions_name_speaker ON attributions (speaker_name, speaker_id);
CREATE INDEX attributions_anonymous ON attributions (anonymous, doc_rowid);
CREATE INDEX attributions_hedged ON attributions (hedged, doc_rowid);
CREATE INDEX attributions_via ON attributions (lower(via_outlet));
CREATE INDEX attributions_entity ON attributions (doc_rowid, entity_id);

CREATE TABLE claims (
    rowid       BIGSERIAL,
    doc_rowid   BIGINT NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    text        TEXT COLLATE "C" NOT NULL,
    reason      TEXT COLLATE "C",
    spans       TEXT COLLATE "C" NOT NULL,
    component   TEXT COLLATE "C"
);
CREATE INDEX claims_doc ON claims (doc_rowid);

CREATE TABLE provenance (
    rowid       BIGSERIAL,
    doc_rowid   BIGINT NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    component   TEXT COLLATE "C" NOT NULL,
    version     TEXT COLLATE "C" NOT NULL
);
CREATE INDEX provenance_doc ON provenance (doc_rowid);

CREATE TABLE inputs (
    hash        TEXT COLLATE "C" PRIMARY KEY,
    path        TEXT COLLATE "C" NOT NULL,
    documents   INTEGER NOT NULL,
    added_at    TEXT COLLATE "C" NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
);

CREATE TABLE entities (
    rowid       BIGSERIAL PRIMARY KEY,
    doc_rowid   BIGINT NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    entity_id   TEXT COLLATE "C" NOT NULL,
    name        TEXT COLLATE "C" NOT NULL,
    kind        TEXT COLLATE "C",
    gender      TEXT COLLATE "C",
    anonymous   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (doc_rowid, seq)
);
CREATE INDEX entities_doc ON entities (doc_rowid, entity_id);
CREATE INDEX entities_name ON entities (name);

CREATE TABLE entity_mentions (
    rowid        BIGSERIAL,
    entity_rowid BIGINT NOT NULL REFERENCES entities (rowid) ON DELETE CASCADE,
    doc_rowid    BIGINT NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         TEXT COLLATE "C" NOT NULL
);
CREATE INDEX entity_mentions_entity ON entity_mentions (entity_rowid, start);
CREATE INDEX entity_mentions_doc ON entity_mentions (doc_rowid);

CREATE TABLE documents_fts (
    rowid       BIGINT PRIMARY KEY,
    tsv         tsvector NOT NULL
);
CREATE INDEX documents_fts_tsv ON documents_fts USING gin (tsv);
CREATE TABLE attributions_fts (
    rowid       BIGINT PRIMARY KEY,
    tsv         tsvector NOT NULL
);
CREATE INDEX attributions_fts_tsv ON attributions_fts USING gin (tsv);

CREATE TABLE statements (
    id            BIGINT PRIMARY KEY,
    occurrences   INTEGER NOT NULL DEFAULT 0,
    documents     INTEGER NOT NULL DEFAULT 0,
    outlets       INTEGER NOT NULL DEFAULT 0,
    first_att     BIGINT,
    ref_att       BIGINT,
    first_day     TEXT COLLATE "C",
    last_day      TEXT COLLATE "C",
    altered       INTEGER NOT NULL DEFAULT 0,
    relays        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX statements_documents ON statements (documents, first_day);

CREATE TABLE statement_members (
    att_rowid     BIGINT PRIMARY KEY,
    statement_id  BIGINT NOT NULL,
    doc_rowid     BIGINT NOT NULL,
    tokens        TEXT COLLATE "C" NOT NULL,
    altered       INTEGER NOT NULL DEFAULT 0,
    changes       TEXT COLLATE "C",
    relayed_from  BIGINT,
    day           TEXT COLLATE "C",
    outlet_key    TEXT COLLATE "C",
    relay         TEXT COLLATE "C"
);
CREATE INDEX statement_members_doc ON statement_members (doc_rowid);
CREATE INDEX statement_members_outlet ON statement_members (statement_id, outlet_key, day);
CREATE INDEX statement_members_relay ON statement_members (statement_id) WHERE relay IS NOT NULL;

CREATE TABLE statement_keys (
    key           BIGINT NOT NULL,
    att_rowid     BIGINT NOT NULL,
    PRIMARY KEY (key, att_rowid)
);

CREATE TABLE statements_fts (
    rowid         BIGINT PRIMARY KEY,
    content       TEXT COLLATE "C" NOT NULL,
    tsv           tsvector NOT NULL
);
CREATE INDEX statements_fts_tsv ON statements_fts USING gin (tsv);

CREATE TABLE statement_state (
    key           TEXT COLLATE "C" PRIMARY KEY,
    value         TEXT COLLATE "C"
);
