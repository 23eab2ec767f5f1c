"""Quotations and reported speech in an article body, and who said them.

``find_quotes(body, mentions)`` is the quotes step of :mod:`warta.analyze.pipeline`. It runs
as a cascade over the body, in document order, because attribution depends on what came
before: a quotation with no reporting verb of its own, or one attributed with ``katanya`` or
``ia``, belongs to the current speaker (the last person quoted or reported), so each stage
updates that running state.

1. **spans** -- where quotation marks open and close (:mod:`warta.analyze.quotes_marks`,
   which handles the missing opening mark, quotes over several paragraphs and cut excerpts);
2. **attribution** -- the reporting verb after the closing mark (``,” kata Ani``) or before
   the opening one (``Ani mengatakan, “`` / ``Menurut Ani, “`` / ``Ani berkata: “``), turned
   into a canonical name by :mod:`warta.analyze.quotes_speaker`;
3. **kind** -- "direct" for a quotation that stands as its speaker's words, "partial" for a
   few quoted words inside the writer's own sentence (terms and scare quotes such as
   “NATO versi Asia”);
4. **reported speech** -- sentences without marks that report speech ("X mengatakan bahwa
   ...", "Menurut X, ...", "..., kata X."): kind "indirect". They also move the current
   speaker, so a following ``ujarnya`` resolves to X.

    >>> from warta.types import Mention
    >>> body = "Menteri Ani Lestari meninjau lokasi.\\n\\n“Kami siap membantu warga,” ujarnya."
    >>> ani = Mention("Ani Lestari", "PER", "Ani Lestari", 8, 19)
    >>> [(q.kind, q.speaker, q.cue, q.text) for q in find_quotes(body, [ani])]
    [('direct', 'Ani Lestari', 'ujarnya', 'Kami siap membantu warga,')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from warta.analyze.quotes_marks import ALL_MARKS, Span, paragraphs, quote_spans
from warta.analyze.quotes_speaker import PERSON, Resolver, Speaker, lexicon, may_report, tokens, verb_kind
from warta.types import Mention, Quote

# Quoted words up to this many, with no reporting verb of their own, are a term or a scare
# quote ("NATO versi Asia"), not somebody's statement: kind "partial".
MAX_PARTIAL_WORDS = 5
# A quotation of at most this many words, all capitalised, is a title ("Dalam Tuhan Aku
# Bersyukur", "Faith, Fraternity, Compassion"): names are not speech.
MAX_TITLE_WORDS = 8
# How far after a closing mark a subject-first attribution may sit (",” Ani menambahkan").
MAX_SUBJECT_WORDS_AFTER = 6
# Reported speech needs this many words after its verb ("menilai langkah itu" is enough to
# make its subject the current speaker); below it the verb had no clause to report.
MIN_INDIRECT_WORDS = 2

# A sentence ends after ".", "!" or "?" (and a closing mark) where a capital or a digit opens the
# next one; a match *ends* where the next sentence starts (only ``m.end()`` is read). The stop
# itself is the first character of the match, so the engine jumps from stop to stop; scans
# begin at a paragraph's start, so no stop before ``pos`` is missed.
_SENTENCE_END = re.compile(r"[.!?](?:[”\"’']?\s+(?=[“\"‘'(]?[A-Z0-9])|(?=[“”\"][A-Z]))")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting verb found next to a quotation, and the speaker it names."""

    cue: str
    speaker: Speaker | None


def find_quotes(body: str, mentions: Sequence[Mention]) -> list[Quote]:
    """The quotations (direct and partial) and reported speech of ``body``, in body order.

    ``mentions`` are the article's entity mentions (offsets into ``body``); speakers are
    given by their ``canonical`` names. Never raises on odd text: unbalanced marks end a
    quotation at its paragraph's end.
    """
    resolver = Resolver(body, mentions)
    spans = quote_spans(body)
    found: list[Quote] = []
    reported = _reported_speech(body, resolver, spans)
    current: Speaker | None = None
    items: list[tuple[int, Span | Quote]] = [(s.start, s) for s in spans] + [(q.start, q) for q in reported]
    items.sort(key=lambda item: item[0])
    chain: list[Span] = []  # paragraphs of a quotation that reopens its mark each paragraph
    for _, item in items:
        if isinstance(item, Quote):  # stage 4 result: resolve its pronoun, move the speaker
            quote, current = _settle(item, current, resolver)
            found.append(quote)
            continue
        if item.continues:
            chain.append(item)
            continue
        attributed = _quote(body, item, resolver, current)
        if chain:  # the attribution at the end of the last paragraph covers them all
            found.extend(_chained(body, chain, attributed, current))
            chain = []
        if attributed is None:
            continue
        if attributed.speaker and attributed.cue and attributed.kind == "direct":
            current = Speaker(attributed.speaker, attributed.speaker_label)
        found.append(attributed)
    if chain:
        found.extend(_chained(body, chain, None, current))
    return found


def _chained(body: str, chain: Sequence[Span], last: Quote | None, current: Speaker | None) -> list[Quote]:
    """Direct quotes for the leading paragraphs of a quotation, attributed like its end."""
    if last is not None:
        speaker, label, cue = last.speaker, last.speaker_label, last.cue
    else:
        speaker, label, cue = (current.name, current.label, None) if current else (None, None, None)
    return [Quote(body[s.start:s.end], speaker, "direct", s.start, s.end, cue, label) for s in chain]


def _settle(quote: Quote, current: Speaker | None, resolver: Resolver) -> tuple[Quote, Speaker | None]:
    """A reported-speech quote with its pronoun resolved, and the current speaker after it."""
    if quote.speaker is None and quote.speaker_label == "PRONOUN":
        who = resolver.antecedent(quote.start, current)
        quote = Quote(quote.text, who.name if who else None, quote.kind, quote.start, quote.end,
                      quote.cue, who.label if who else None)
        return quote, current
    if quote.speaker:
        current = Speaker(quote.speaker, quote.speaker_label)
    return quote, current


def _quote(body: str, span: Span, resolver: Resolver, current: Speaker | None) -> Quote | None:
    """Stages 2 and 3 for one span: its attribution and kind, or None to drop it."""
    text = body[span.start:span.end]
    words = len(_WORD.findall(text))
    if words == 0:
        return None
    after = _attribution_after(body, span, resolver) if span.closed else None
    pre_start = _clause_start(body, span.start)
    pre = body[pre_start:_mark_start(body, span.start)].strip()
    before, embedded = _attribution_before(body, pre_start, _mark_start(body, span.start), resolver)
    lead_in = body[:pre_start].rstrip()
    if not pre and lead_in.endswith(":"):  # "Peskov berkata:" closing the paragraph before
        before, _ = _attribution_before(body, _clause_start(body, len(lead_in) - 1), len(lead_in), resolver)
    if not span.opened and after is None:
        return None  # a closing mark alone is a quotation only when a reporting verb follows
    attribution = after or before
    if _is_title(text, pre, attributed=attribution is not None):
        return None
    # a term or scare quote: inside the writer's sentence, or a few words no verb attributes
    loose = attribution is None and (
        (words <= MAX_PARTIAL_WORDS and _continues_sentence(body, span)) or (not pre and words <= 2))
    kind = "partial" if span.single or embedded or loose else "direct"
    speaker = attribution.speaker if attribution else None
    unattributed = speaker is None and attribution is None and kind == "direct"
    if unattributed or (speaker is not None and speaker.pronoun):
        # An excerpt that opens with "“…,” ujarnya" names the speaker only further on.
        speaker = resolver.antecedent(span.start, current) \
            or (resolver.first_person_after(span.end) if speaker is not None else None)
    return Quote(text, speaker.name if speaker else None, kind, span.start, span.end,
                 attribution.cue if attribution else None, speaker.label if speaker else None)


def _is_title(text: str, pre: str, *, attributed: bool) -> bool:
    """Whether quoted words name something (an article, a song, a hashtag) instead of
    reporting speech: a title cue before them, or a short run of capitalised words that no
    reporting verb attributes."""
    cue = _WORD.findall(pre[-30:].casefold())
    if cue and cue[-1] in lexicon().title_cues:
        return True
    if attributed:
        return False
    words = [w for w in text.split() if w[:1].isalpha()]
    return 2 <= len(words) <= MAX_TITLE_WORDS and all(w[:1].isupper() for w in words)


def _mark_start(body: str, text_start: int) -> int:
    """Position of the opening mark in front of quoted words (or of the words themselves)."""
    i = text_start
    while i > 0 and body[i - 1] in " \t":
        i -= 1
    if i > 0 and body[i - 1] in ALL_MARKS:
        i -= 1
        while i > 0 and body[i - 1] in ALL_MARKS:
            i -= 1
        return i
    return text_start


def _clause_start(body: str, pos: int) -> int:
    """Start of the sentence holding ``pos`` within its paragraph (the text before a quote)."""
    para_start = body.rfind("\n", 0, pos) + 1
    start = para_start
    mark = _mark_start(body, pos)
    for m in _SENTENCE_END.finditer(body, para_start, min(len(body), pos + 1)):
        if m.end() <= mark:
            start = m.end()
    return start


def _continues_sentence(body: str, span: Span) -> bool:
    """Whether the writer's sentence goes on after the closing mark (no full stop first)."""
    rest = body[span.end:span.end + 3].lstrip("”\"’' ")
    inside_end = body[max(span.start, span.end - 1):span.end]
    return bool(rest) and rest[0] not in ".!?\n" and inside_end not in ".!?"


def _attribution_after(body: str, span: Span, resolver: Resolver) -> Attribution | None:
    """``,” kata Ani`` / ``,” ujarnya`` / ``,” Ani menambahkan``: the verb after a quotation."""
    limit = body.find("\n", span.end)
    limit = len(body) if limit < 0 else limit
    i = span.end
    while i < limit and (body[i] in ALL_MARKS or body[i] in " ,\t"):
        i += 1
    toks = tokens(body[i:limit], i)
    if not toks:
        return None
    first = verb_kind(toks[0][2])
    if first is not None:
        kind, by_pronoun = first
        if by_pronoun:
            return Attribution(toks[0][2], PRONOUN_SPEAKER)
        if kind in ("post", "prep") or (len(toks) > 1 and toks[1][2][:1].isupper()):
            # a verb with nobody after it (the excerpt ends at "ucap") is the current speaker's
            speaker = resolver.name_after(toks[0][1], limit) if len(toks) > 1 else PRONOUN_SPEAKER
            return Attribution(toks[0][2], speaker)
    for k, (a, _, word) in enumerate(toks[1:MAX_SUBJECT_WORDS_AFTER + 1], start=1):
        if word in ".;!?“\"":
            break
        got = verb_kind(word)
        if got and got[0] == "active":
            speaker = resolver.subject_before(i, a)
            if speaker is not None:
                return Attribution(word, speaker)
            break
        if got and got[0] == "post" and k == 1:  # "kata dia"
            continue
    return None


PRONOUN_SPEAKER = Speaker(None, None, pronoun=True)


def _attribution_before(body: str, start: int, mark: int, resolver: Resolver) -> tuple[Attribution | None, bool]:
    """The attribution in the text before an opening mark, and whether the quotation is
    embedded in the writer's own sentence (then it is a partial quote)."""
    pre = body[start:mark].rstrip()
    if not pre:
        return None, False
    toks = tokens(pre, start)
    ends_open = pre[-1] in ",:" or toks[-1][2].casefold() == "bahwa"
    lex = lexicon()
    if toks[-1][2].casefold() in lex.partial_cues:
        return None, True
    for k, (a, b, word) in enumerate(toks):
        got = verb_kind(word)
        if got is None:
            continue
        kind, by_pronoun = got
        if kind == "active":
            speaker = resolver.subject_before(start, a)
        elif by_pronoun:
            speaker = PRONOUN_SPEAKER
        else:
            speaker = resolver.name_after(b, mark)
        # "Ani mengatakan “…”" without a comma still introduces the quotation when the verb
        # (or "bahwa") is the last word before the mark
        tail = [t[2].casefold() for t in toks[k + 1:]]
        introduces = ends_open or not tail or tail == ["bahwa"]
        return Attribution(word, speaker), not introduces
    if pre.endswith(":"):
        found = resolver.within(start, mark)
        people = [m for m in found if m.label == PERSON]
        if people:
            return Attribution(":", Speaker(people[-1].canonical, PERSON)), False
        return None, False
    return None, True


def _reported_speech(body: str, resolver: Resolver, spans: Sequence[Span]) -> list[Quote]:
    """Stage 4: sentences without quotation marks that report what somebody said."""
    out: list[Quote] = []
    for p_start, p_end in paragraphs(body):
        cuts = [p_start, *(m.end() for m in _SENTENCE_END.finditer(body, p_start, p_end)), p_end]
        for s_start, s_end in pairwise(cuts):
            if any(sp.start < s_end and s_start < sp.end for sp in spans):
                continue
            quote = _reported(body, s_start, s_end, resolver)
            if quote is not None:
                out.append(quote)
    return out


def _reported(body: str, start: int, end: int, resolver: Resolver) -> Quote | None:
    """One sentence as reported speech: "X mengatakan ...", "Menurut X, ...", "..., kata X."."""
    sentence = body[start:end].rstrip()
    if not may_report(sentence):
        return None     # most sentences: no word is a reporting verb
    toks = tokens(sentence, start)
    for k, (a, b, word) in enumerate(toks):
        got = verb_kind(word)
        if got is None:
            continue
        kind, by_pronoun = got
        if kind == "prep" and k <= 2:  # "Menurut Kepala BMKG, Dwikorita, gempa ..."
            stop = start + len(sentence)
            phrase_end = resolver.phrase_end(b, stop)
            speaker = resolver.name_after(b, phrase_end)
            if speaker is not None and speaker.label == PERSON \
                    and len(_WORD.findall(body[phrase_end:stop])) < MIN_INDIRECT_WORDS:
                # "Menurut Melani orang tuanya telah meninggal": no comma, the clause follows the name
                people = [m for m in resolver.within(b, phrase_end) if m.label == PERSON]
                phrase_end = people[0].end if people else phrase_end
            return _reported_quote(body, phrase_end, stop, speaker, word, start)
        if kind == "active" and k >= 1:
            speaker = resolver.subject_before(start, a)
            if speaker is None:
                return None
            return _reported_quote(body, b, start + len(sentence), speaker, word, start)
        if kind == "post" and k >= MIN_INDIRECT_WORDS and toks[k - 1][2] == ",":
            speaker = Speaker(None, None, pronoun=True) if by_pronoun else resolver.name_after(b, end)
            return _reported_quote(body, start, toks[k - 1][0], speaker, word, start)
    return None


def _reported_quote(body: str, start: int, end: int, speaker: Speaker | None, cue: str,
                    sentence_start: int) -> Quote | None:
    """A kind="indirect" Quote over ``body[start:end]``, the leading "bahwa" and commas cut."""
    del sentence_start  # the sentence is the unit; kept for symmetry with callers
    while start < end and body[start] in " ,:\t":
        start += 1
    if body[start:start + 6].casefold() == "bahwa ":
        start += 6
    while end > start and body[end - 1] in " .,\t":
        end -= 1
    text = body[start:end]
    if len(_WORD.findall(text)) < MIN_INDIRECT_WORDS or speaker is None:
        return None
    label = "PRONOUN" if speaker.pronoun else speaker.label
    return Quote(text, speaker.name, "indirect", start, end, cue, label)
