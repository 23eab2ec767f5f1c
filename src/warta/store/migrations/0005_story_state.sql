-- What the story clusterer remembers between runs, so that `warta stories --db` clusters only
-- the articles that are in no story yet (see warta.stories.kb). Plain JSON, not a pickle: a
-- knowledge base may be shared, and it stays readable from the sqlite3 shell.

-- One row per story: its members' mean word and name vectors and their dates.
CREATE TABLE story_state (
    story_id TEXT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    state    TEXT NOT NULL
);

-- One row: the corpus-wide counts the IDF weights are learned from, with a format version.
CREATE TABLE story_model (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT    NOT NULL
);
