-- What analysis found in each article: entity mentions (with canonical names and roles),
-- quotations (with speakers) and dated events. Offsets are character offsets into
-- articles.body. Rows go with their article (ON DELETE CASCADE).

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text        TEXT    NOT NULL,
    label       TEXT    NOT NULL,  -- PER, ORG, LOC
    canonical   TEXT    NOT NULL,
    role        TEXT,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_canonical ON mentions (canonical, label);

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text          TEXT    NOT NULL,
    speaker       TEXT,
    speaker_label TEXT,
    kind          TEXT    NOT NULL CHECK (kind IN ('direct', 'partial', 'indirect')),
    cue           TEXT,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_speaker ON quotes (speaker);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    date        TEXT    NOT NULL,  -- TIMEX3 value: 2023-09-13, 2023-09, 2023-W37 ...
    granularity TEXT    NOT NULL,
    timex       TEXT    NOT NULL,  -- the expression as written
    sentence    TEXT    NOT NULL,
    actors      TEXT    NOT NULL DEFAULT '[]',  -- JSON array of canonical names
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_date ON events (date);

-- The page text itself, compressed (zlib), so articles can be re-extracted when extraction
-- improves without going back to the original files. NULL for pages stored before this.
ALTER TABLE pages ADD COLUMN text_z BLOB;
