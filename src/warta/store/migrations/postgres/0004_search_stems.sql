-- 0004 for PostgreSQL: full-text search over the same analysed text as SQLite's 0004.
-- One tsvector per article, written by warta with each article (the analyser is Python):
-- stems of the title, deck and body weighted A, B, C for words and phrases, and the words as
-- written weighted D for prefixes; the 'simple' configuration, since the text is already
-- lower-cased, folded and stemmed. Ranked with ts_rank, the title weighing most.

ALTER TABLE articles ADD COLUMN search TSVECTOR NOT NULL DEFAULT ''::tsvector;
CREATE INDEX articles_search ON articles USING GIN (search);

CREATE TABLE search_index (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    analyser TEXT    NOT NULL
);
