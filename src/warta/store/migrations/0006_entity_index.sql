-- An entity's page asks, for one canonical name, which articles mention it (counts, the
-- newest articles, co-occurring names, stories) and under which roles. The (canonical, label)
-- index answers "which rows", but each row then costs a table lookup for its role and
-- article_id; with both beside the name the index alone answers, already grouped by role.
-- Measured on a 30,000-article synthetic base, name in ~6,700 articles: entity page 73 -> 50 ms
-- (roles 23 -> 8 ms).
CREATE INDEX mentions_canonical_article ON mentions (canonical, role, article_id);
