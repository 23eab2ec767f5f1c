-- 0002 for PostgreSQL: mentions, quotes, events and the compressed page text. "end" is a
-- reserved word here, so it is quoted (warta's SQL quotes it for both databases).

CREATE TABLE mentions (
    id          BIGSERIAL PRIMARY KEY,
    article_id  BIGINT  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text        TEXT    NOT NULL,
    label       TEXT    NOT NULL,
    canonical   TEXT    NOT NULL,
    role        TEXT,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_canonical ON mentions (canonical, label);

CREATE TABLE quotes (
    id            BIGSERIAL PRIMARY KEY,
    article_id    BIGINT  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text          TEXT    NOT NULL,
    speaker       TEXT,
    speaker_label TEXT,
    kind          TEXT    NOT NULL CHECK (kind IN ('direct', 'partial', 'indirect')),
    cue           TEXT,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_speaker ON quotes (speaker);

CREATE TABLE events (
    id          BIGSERIAL PRIMARY KEY,
    article_id  BIGINT  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    date        TEXT    NOT NULL,
    granularity TEXT    NOT NULL,
    timex       TEXT    NOT NULL,
    sentence    TEXT    NOT NULL,
    actors      TEXT    NOT NULL DEFAULT '[]',
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_date ON events (date);

ALTER TABLE pages ADD COLUMN text_z BYTEA;
