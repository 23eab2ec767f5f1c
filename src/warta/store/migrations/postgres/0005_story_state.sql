-- 0005 for PostgreSQL: the story clusterer's state between runs.

CREATE TABLE story_state (
    story_id TEXT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    state    TEXT NOT NULL
);

CREATE TABLE story_model (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT    NOT NULL
);
