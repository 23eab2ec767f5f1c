-- 0004: Indonesian-aware search. The full-text index gains a second copy of the title, deck
-- and body in *index forms* (warta.store.analyser): common words stemmed ("mengungsi" ->
-- "ungsi"), proper nouns kept whole ("Bekasi" stays "bekasi", never "bekas"). Words and
-- phrases are matched there; prefixes against the words as written.
--
-- The index is contentless (content = ''): the text lives once, in articles, and the index
-- forms are computed, never stored. Snippets are cut from articles.body in Python. The forms
-- come from warta_stems(field, title, deck, body), a function every writable warta connection
-- registers, so the triggers below keep the index in step on any insert, update or delete
-- made through warta. (The sqlite3 shell cannot write articles: it lacks the function, and an
-- error is better than an index out of step.) Deleting from a contentless index needs the
-- values that were indexed; they are recomputed, which is why search_index records the
-- analyser version: warta rebuilds the index when the analyser changes.

DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, deck, body, title_stems, deck_stems, body_stems,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO articles_fts (rowid, title, deck, body, title_stems, deck_stems, body_stems)
SELECT id, title, deck, body,
       warta_stems(0, title, deck, body), warta_stems(1, title, deck, body), warta_stems(2, title, deck, body)
FROM articles;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, deck, body, title_stems, deck_stems, body_stems)
    VALUES (new.id, new.title, new.deck, new.body, warta_stems(0, new.title, new.deck, new.body),
            warta_stems(1, new.title, new.deck, new.body), warta_stems(2, new.title, new.deck, new.body));
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, deck, body, title_stems, deck_stems, body_stems)
    VALUES ('delete', old.id, old.title, old.deck, old.body, warta_stems(0, old.title, old.deck, old.body),
            warta_stems(1, old.title, old.deck, old.body), warta_stems(2, old.title, old.deck, old.body));
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, deck, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, deck, body, title_stems, deck_stems, body_stems)
    VALUES ('delete', old.id, old.title, old.deck, old.body, warta_stems(0, old.title, old.deck, old.body),
            warta_stems(1, old.title, old.deck, old.body), warta_stems(2, old.title, old.deck, old.body));
    INSERT INTO articles_fts (rowid, title, deck, body, title_stems, deck_stems, body_stems)
    VALUES (new.id, new.title, new.deck, new.body, warta_stems(0, new.title, new.deck, new.body),
            warta_stems(1, new.title, new.deck, new.body), warta_stems(2, new.title, new.deck, new.body));
END;

-- The analyser version the index forms were computed with (one row).
CREATE TABLE search_index (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    analyser TEXT    NOT NULL
);
INSERT INTO search_index (id, analyser) VALUES (1, warta_analyser_version());
