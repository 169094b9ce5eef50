-- Statements across the corpus: attributions in different documents that report the same words
-- form one statement (a cluster), found through MinHash band keys over the contents' word shingles
-- (`statement_keys`, a locality-sensitive index) and checked word by word. `reportedly.corpus.trace`
-- keeps these tables up to date as documents are stored; a store that already holds documents is
-- marked stale here and clustered from scratch the next time it is opened for writing.

CREATE TABLE statements (
    id            INTEGER PRIMARY KEY,         -- the smallest attributions.rowid among the members
    occurrences   INTEGER NOT NULL DEFAULT 0,  -- member attributions
    documents     INTEGER NOT NULL DEFAULT 0,  -- distinct documents
    outlets       INTEGER NOT NULL DEFAULT 0,  -- distinct outlets
    first_att     INTEGER,                     -- attributions.rowid of the first occurrence (by publication date)
    ref_att       INTEGER,                     -- attributions.rowid of the first quotation, which the others are compared with
    first_day     TEXT,                        -- publication day of the first dated occurrence
    last_day      TEXT,
    altered       INTEGER NOT NULL DEFAULT 0,  -- occurrences whose quoted words differ from the first quotation
    relays        INTEGER NOT NULL DEFAULT 0   -- occurrences linked to the article they were relayed from
);
CREATE INDEX statements_documents ON statements (documents, first_day);

CREATE TABLE statement_members (
    att_rowid     INTEGER PRIMARY KEY,         -- attributions.rowid
    statement_id  INTEGER NOT NULL,            -- statements.id
    doc_rowid     INTEGER NOT NULL,            -- documents.rowid
    tokens        TEXT NOT NULL,               -- the content's words as written, space-separated
    altered       INTEGER NOT NULL DEFAULT 0,
    changes       TEXT,                        -- JSON list of {from, to, kind} against the first quotation (NULL: not yet compared)
    relayed_from  INTEGER                      -- documents.rowid of the article this occurrence relays
);
CREATE INDEX statement_members_statement ON statement_members (statement_id);
CREATE INDEX statement_members_doc ON statement_members (doc_rowid);

-- One row per MinHash band of each member: members sharing a key are candidates.
CREATE TABLE statement_keys (
    key           INTEGER NOT NULL,
    att_rowid     INTEGER NOT NULL,
    PRIMARY KEY (key, att_rowid)
) WITHOUT ROWID;

-- The words of every statement seen in two documents or more, for `trace QUERY`.
CREATE VIRTUAL TABLE statements_fts USING fts5 (content, tokenize='unicode61 remove_diacritics 2');

CREATE TABLE statement_state (
    key           TEXT PRIMARY KEY,
    value         TEXT
);
INSERT INTO statement_state (key, value) SELECT 'stale', '1' WHERE EXISTS (SELECT 1 FROM attributions);
