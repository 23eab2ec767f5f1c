-- 0003 for PostgreSQL: stories, their members and duplicates.

CREATE TABLE stories (
    id              TEXT    PRIMARY KEY,
    title           TEXT    NOT NULL,
    first_published TEXT,
    last_published  TEXT,
    n_articles      INTEGER NOT NULL,
    n_outlets       INTEGER NOT NULL,
    doc             TEXT    NOT NULL DEFAULT '{}',
    updated_at      TEXT    NOT NULL
);
CREATE INDEX stories_last_published ON stories (last_published);

CREATE TABLE story_articles (
    story_id   TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id BIGINT  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles (article_id);

CREATE TABLE duplicates (
    article_id  BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
