-- 0001 for PostgreSQL: pages, articles, failures (the SQLite 0001, same columns and checks).
-- Times stay ISO 8601 text and JSON stays text, so rows read back exactly as from SQLite.

CREATE TABLE pages (
    id           BIGSERIAL PRIMARY KEY,
    content_hash TEXT    NOT NULL UNIQUE CHECK (length(content_hash) = 64),
    source       TEXT    NOT NULL,
    url          TEXT,
    kind         TEXT    NOT NULL CHECK (kind IN ('text', 'html')),
    encoding     TEXT    NOT NULL,
    byte_length  BIGINT  NOT NULL CHECK (byte_length >= 0),
    ingested_at  TEXT    NOT NULL
);
CREATE INDEX pages_source ON pages (source);
CREATE INDEX pages_url ON pages (url) WHERE url IS NOT NULL;

CREATE TABLE articles (
    id                 BIGSERIAL PRIMARY KEY,
    page_id            BIGINT  NOT NULL UNIQUE REFERENCES pages (id) ON DELETE CASCADE,
    source             TEXT    NOT NULL,
    title              TEXT,
    deck               TEXT,
    body               TEXT    NOT NULL,
    url                TEXT,
    outlet             TEXT,
    published          TEXT,
    published_inferred INTEGER NOT NULL DEFAULT 0 CHECK (published_inferred IN (0, 1)),
    timezone           TEXT,
    authors            TEXT    NOT NULL DEFAULT '[]',
    editors            TEXT    NOT NULL DEFAULT '[]',
    wire_sources       TEXT    NOT NULL DEFAULT '[]',
    dateline           TEXT,
    captions           TEXT    NOT NULL DEFAULT '[]',
    language           TEXT,
    kind               TEXT    NOT NULL CHECK (kind IN ('text', 'html')),
    dropped            TEXT    NOT NULL DEFAULT '[]',
    warnings           TEXT    NOT NULL DEFAULT '[]',
    outlet_name        TEXT
);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE failures (
    id           BIGSERIAL PRIMARY KEY,
    source       TEXT    NOT NULL UNIQUE,
    content_hash TEXT,
    error        TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 1,
    failed_at    TEXT    NOT NULL
);
