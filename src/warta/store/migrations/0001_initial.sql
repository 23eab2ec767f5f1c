-- 0001: pages, articles, failures, and the full-text index over articles.
--
-- One row per distinct page text (pages.content_hash is the identity that makes re-ingesting a
-- no-op), at most one article per page, and a log of the inputs that produced no article.
-- Types are kept to what PostgreSQL can mirror later: TEXT, INTEGER, JSON held in TEXT.
-- Times are ISO 8601 UTC text ("2024-01-17T14:02:00+00:00").

CREATE TABLE pages (
    id           INTEGER PRIMARY KEY,
    -- sha256 hex of the decoded text as UTF-8: the same page read twice, from any path, is
    -- the same page.
    content_hash TEXT    NOT NULL UNIQUE CHECK (length(content_hash) = 64),
    source       TEXT    NOT NULL,
    url          TEXT,
    kind         TEXT    NOT NULL CHECK (kind IN ('text', 'html')),
    encoding     TEXT    NOT NULL,
    -- UTF-8 length of the decoded text; the original byte count is not known past the reader.
    byte_length  INTEGER NOT NULL CHECK (byte_length >= 0),
    ingested_at  TEXT    NOT NULL
);
CREATE INDEX pages_source ON pages (source);
CREATE INDEX pages_url ON pages (url) WHERE url IS NOT NULL;

CREATE TABLE articles (
    id                 INTEGER PRIMARY KEY,
    page_id            INTEGER NOT NULL UNIQUE REFERENCES pages (id) ON DELETE CASCADE,
    source             TEXT    NOT NULL,
    title              TEXT,
    deck               TEXT,
    body               TEXT    NOT NULL,
    url                TEXT,
    outlet             TEXT,
    published          TEXT,   -- ISO 8601, a date or a date-time with offset
    published_inferred INTEGER NOT NULL DEFAULT 0 CHECK (published_inferred IN (0, 1)),
    timezone           TEXT,   -- as printed: WIB, WITA, WIT
    authors            TEXT    NOT NULL DEFAULT '[]',  -- JSON array of strings
    editors            TEXT    NOT NULL DEFAULT '[]',  -- JSON array of strings
    wire_sources       TEXT    NOT NULL DEFAULT '[]',  -- JSON array of strings
    dateline           TEXT,
    captions           TEXT    NOT NULL DEFAULT '[]',  -- JSON array of {text, credit}
    language           TEXT,
    kind               TEXT    NOT NULL CHECK (kind IN ('text', 'html')),
    dropped            TEXT    NOT NULL DEFAULT '[]',  -- JSON array of {text, reason}
    warnings           TEXT    NOT NULL DEFAULT '[]',  -- JSON array of strings
    outlet_name        TEXT    -- the outlet as printed ("Indonesia Window"), even when no domain is known
);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_published ON articles (published);

-- Inputs that gave no article, latest attempt per source. Nothing here blocks a later ingest:
-- a source that succeeds afterwards has its row removed.
CREATE TABLE failures (
    id           INTEGER PRIMARY KEY,
    source       TEXT    NOT NULL UNIQUE,
    content_hash TEXT,    -- NULL when the input could not even be read
    error        TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 1,
    failed_at    TEXT    NOT NULL
);

-- External-content FTS5 index: the text lives once, in articles; triggers keep the index in
-- step. Diacritics are folded so "cafe" finds "café"; stemming comes with a later migration.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, deck, body,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, deck, body) VALUES (new.id, new.title, new.deck, new.body);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, deck, body)
    VALUES ('delete', old.id, old.title, old.deck, old.body);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, deck, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, deck, body)
    VALUES ('delete', old.id, old.title, old.deck, old.body);
    INSERT INTO articles_fts (rowid, title, deck, body) VALUES (new.id, new.title, new.deck, new.body);
END;
