"""Article -> AnalyzedArticle: the analysis steps (entities, and later quotes, time, sentences).

Each module holds one step; :mod:`warta.analyze.ner` finds PER / ORG / LOC mentions with the
CRF the project trains itself (``make train``).
"""
