-- Stories: articles grouped by the news event they report, across outlets and days.
-- A story's full report (timeline, summary, who said what, related stories) is kept as one
-- JSON document, rebuilt whenever the story changes; membership and duplicates are tables so
-- they can be queried and joined.

CREATE TABLE stories (
    id              TEXT    PRIMARY KEY,       -- stable across runs
    title           TEXT    NOT NULL,
    first_published TEXT,
    last_published  TEXT,
    n_articles      INTEGER NOT NULL,
    n_outlets       INTEGER NOT NULL,
    doc             TEXT    NOT NULL DEFAULT '{}',  -- JSON: timeline, summary, entities, quotes, related
    updated_at      TEXT    NOT NULL
);
CREATE INDEX stories_last_published ON stories (last_published);

CREATE TABLE story_articles (
    story_id   TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles (article_id);

-- An article that copies another (the same wire copy, a network's regional republication),
-- linked to its original; never dropped.
CREATE TABLE duplicates (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
