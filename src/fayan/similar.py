"""When two sentences say the same thing: one measure for the composer (a phrase is not drawn
beside one that says what it says) and for ``fayan check`` (rule ``idea``). Pure.

Two sentences say the same thing when either

- most of what is distinctive in the shorter one is in the other: the share of its character
  bigrams, weighted by how rare each is among the sentences compared (a bigram every sentence
  has says nothing), is at least :data:`THRESHOLD`; or
- they share a run of :data:`RUN` characters or more (“大抓基层的鲜明导向”) and are somewhat
  alike besides (:data:`NEAR`).

Names are left out of both: official names (:data:`TERMS`), names of a studied text (习近平总书记
关于……的重要论述, 党的二十届三中全会精神, 《……》, ……学习教育) and any run found in three sentences or
more (the speech's subject): they are said as often as needed.

Quoted words (“……”, also where a sentence begins or ends inside a quotation) are left out: a quotation repeated is judged by rule ``quotation``, a key
phrase in quotation marks is meant to recur. Headings and numbered items (一是、第一，) restate
the body by design and are compared by neither.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import chain, compress, pairwise
from operator import add, itemgetter
from typing import Any

from .arrays import codes, numpy

THRESHOLD = 0.55
"""Weighted bigram containment from which two sentences are the same idea. Measured on the
corpus: parallel items that differ in their key word (希望大家注重家庭／家教) score 0.73–0.8 but
are numbered (so not compared); the highest unnumbered pair of a real speech is 0.76 (全心全意为
人民服务是我们党的根本宗旨 / 必须坚持全心全意为人民服务的根本宗旨, a restatement); deliberate
chiasmus (千家万户都好，国家才能好 / 国家好，民族好，家庭才能好) 0.48."""
RUN = 8
"""Characters a shared run must have to be the same wording, where the sentences are also
alike (:data:`NEAR`): alone, a shared run is often one of the genre's stock phrases
(在急难险重任务中, 中的重点难点问题开展), which two ideas may share."""
NEAR = 0.3
FLOOR = 60
"""Sentences a rarity weight is reckoned over at the least: in a short text every bigram is
rare, and weights from three sentences would call the same words different."""
MIN_GRAMS = 10
"""Sentences with fewer bigrams (短句、口号) are not compared: they share too little to judge."""

TERMS = ("习近平新时代中国特色社会主义思想", "中国特色社会主义", "中华民族伟大复兴的中国梦", "中华民族伟大复兴",
         "以习近平同志为核心的党中央", "坚持和加强党的全面领导", "党中央集中统一领导", "党中央决策部署",
         "全面建设社会主义现代化国家", "社会主义现代化国家", "社会主义核心价值观", "全心全意为人民服务",
         "全面从严治党", "党风廉政建设和反腐败斗争", "中央八项规定精神", "新时代党的建设新的伟大工程",
         "党的建设和组织工作", "马克思主义中国化时代化", "两个确立", "两个维护", "四个意识", "四个自信")
"""Official names: words two sentences share without saying the same thing."""

_WORKS = r"总书记(?:关于|在)[^，。；！？\n]{2,40}?(?:重要论述|重要思想|重要讲话|重要指示|重要批示)(?:精神)?"
_NAMES = ("习近平" + _WORKS, _WORKS, r"党的[二十]{2,3}(?:届[一二三四五六七八九]中全会|大)(?:精神)?", r"《[^》\n]*》")


def _by_first(branches: list[str]) -> str:
    """An alternation of ``branches`` (regular expressions, each beginning with one literal
    character), grouped by that character in their order: 中(?:华民族伟大复兴|国特色社会主义). Where
    a candidate character stands, the engine tries the branches that begin with it, not every
    branch one after the other (measured on the corpus's speeches: 28 → 25 µs a speech; the
    rest is the test of every character against the set of first characters)."""
    groups: dict[str, list[str]] = {}
    for branch in branches:
        first = branch[:2] if branch.startswith("\\") else branch[:1]
        groups.setdefault(first, []).append(branch[len(first):])
    return "|".join(first + (rest[0] if len(rest) == 1 else "(?:" + "|".join(rest) + ")")
                    for first, rest in groups.items())


_NAMED = re.compile(_by_first([*(re.escape(t) for t in sorted(TERMS, key=len, reverse=True)), *_NAMES,
                               r"“[^”\n]*(?:”|$)", r"‘[^’\n]*’", r"\{\{.*?\}\}"]), re.M)
"""Names and quoted words. Every branch begins with a literal character (no optional group in
front: 习近平总书记 and 总书记 are two branches), so the engine skips to the positions where one of
those characters stands; a branch opening with ``(?:…)?`` makes it try every branch at every
character, five times slower (benchmarks/check_speed.py). No branch crosses a line's end, and
``$`` is a line's: a speech's sentences, one a line, are cut in one pass (:func:`_speech_scores`)."""
_BREAKS = "，。；！？、\n"
_STUDY = re.compile(f"[^{_BREAKS}]{{2,10}}学习教育")  # the name of a 学习教育 (run only where one is named)


def _study_out(text: str) -> str:
    """``_STUDY.sub("|", text)``, run only on the clauses that say 学习教育: the pattern begins
    with a set, so the engine would try it at every character of the text (a third of rule
    ``idea``'s time on a speech that names one); its matches lie within a clause."""
    out, done = [], 0
    at = text.find("学习教育")
    while at != -1:
        start = max(done, *(text.rfind(b, done, at) + 1 for b in _BREAKS))
        ends = [e for e in (text.find(b, at) for b in _BREAKS) if e != -1]
        end = min(ends) if ends else len(text)
        out += (text[done:start], _STUDY.sub("|", text[start:end]))
        done = end
        at = text.find("学习教育", end)
    out.append(text[done:])
    return "".join(out)
_NON_HAN = re.compile(r"[^\u4e00-\u9fff|]+")
_ORDINAL = re.compile(r"^[\s\u3000“]*(?:第[一二三四五六七八九十]+[，、]|[一二三四五六七八九十]+[是要][^，。]|"
                      r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|首先|其次|再次|最后)")


_TWELVE_HAN = re.compile(r"(?:[^\u4e00-\u9fff]*+[\u4e00-\u9fff]){12}")
"""Twelve Chinese characters: matched from a sentence's start, it stops at the twelfth instead
of listing every one."""


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of every sentence of ``text`` that can be judged: it ends in 。！？,
    has twelve Chinese characters or more, and is not a numbered item (一是、第一，). The text is
    split in C (a pattern walking every character costs three times as much); the sentences
    themselves are taken from the text as it is."""
    out = []
    twelve = _TWELVE_HAN.match
    at = 0
    for line in text.replace("！", "。").replace("？", "。").split("\n"):
        pieces = line.split("。")
        last = pieces.pop()  # no end mark: not a sentence (a heading, or words left at a line's end)
        for piece in pieces:
            at += len(piece) + 1
            if len(piece) >= 11:
                body = piece.lstrip(" \u3000\t”")
                if len(body) >= 11:
                    start = at - len(body) - 1
                    s = text[start:at]
                    if twelve(s) and not numbered(s):
                        out.append((start, s))
        at += len(last) + 1
    return out


def plain(text: str) -> str:
    """The Chinese characters of a sentence; names, quotations, slots and everything else cut
    out as breaks (``|``)."""
    return _NON_HAN.sub("|", _NAMED.sub("|", _study_out(_quoted_start_out(text))))


def _quoted_start_out(text: str) -> str:
    """``text`` (a sentence, or sentences a line each) with each line that begins inside a
    quotation (its first quotation mark closes one) cut up to that mark, as a break. Only the
    closing marks are visited, not every line: most sentences quote nothing."""
    close = text.find("”")
    if close == -1:
        return text
    out: list[str] = []
    done = 0
    while close != -1:
        start = text.rfind("\n", 0, close) + 1
        if text.find("“", start, close) == -1:
            out += (text[done:start], "|")
            done = close + 1
        end = text.find("\n", close)  # the line's other closing marks do not count
        close = -1 if end == -1 else text.find("”", end)
    out.append(text[done:])
    return "".join(out)


_MAY_BE_NUMBERED = frozenset("第一二三四五六七八九十（(首其再最“")
"""The characters a numbered item (:data:`_ORDINAL`) may begin with, spaces and digits aside:
a sentence that begins otherwise is not matched against the pattern (most sentences)."""


def may_be_numbered(first: str) -> bool:
    """Whether a sentence that begins with ``first`` may be a numbered item (most may not:
    then :func:`numbered` need not try its pattern)."""
    return first in _MAY_BE_NUMBERED or first.isspace() or first.isdecimal()


def numbered(sentence: str) -> bool:
    return may_be_numbered(sentence[:1]) and bool(_ORDINAL.match(sentence))


@lru_cache(maxsize=65536)
def bigrams(text: str) -> frozenset[str]:
    grams: set[str] = set()
    for chunk in plain(text).split("|"):  # map in C: a rule runs this on every sentence
        grams.update(map(add, chunk, chunk[1:]))
    return frozenset(grams)


@lru_cache(maxsize=65536)
def runs(text: str, n: int = RUN) -> frozenset[str]:
    p = plain(text)
    return frozenset(p[i:i + n] for i in range(len(p) - n + 1) if "|" not in p[i:i + n])


def rarity(size: int) -> list[float]:
    """The weight of a bigram found in n of ``size`` sentences, by n (n = 0: never seen, the
    rarest)."""
    n_ = max(size, FLOOR) + 1  # a short text: rarity says little, weights near even
    return [math.log(n_ / (n + 0.5)) for n in range(size + 1)]


def common_runs(sentences: Iterable[str], n: int = 6) -> frozenset[str]:
    """Runs of ``n`` characters found in three of ``sentences`` or more: their subject."""
    seen: Counter[str] = Counter()
    for s in sentences:
        seen.update(runs(s, n))
    return frozenset(r for r, k in seen.items() if k >= 3)


def shared_run(a: str, b: str, subject: Callable[[str], bool], n: int = RUN) -> str | None:
    """A run of ``n`` characters both say that is neither a term nor part of the subject (a run
    of six characters for which ``subject`` says so, asked only when the two share a run), or
    ``None``."""
    both = runs(a, n) & runs(b, n)
    if not both:
        return None
    for r in sorted(both):
        if not any(subject(r[i:i + 6]) for i in range(len(r) - 5)):
            return r
    return None


class Measure:
    """Similarity among a set of sentences (a speech's, or a bank's and a draft's): rarity
    weights and the terms are read off the sentences given."""

    def __init__(self, sentences: Iterable[str], margin: float = 1.0) -> None:
        """``margin`` below 1 judges more pairs the same (the composer's, so that what it lets
        through, weighed over one speech by rule ``idea``, is not the same either)."""
        self.threshold, self.near = THRESHOLD * margin, NEAR * margin
        self._sentences = list(sentences)
        grams = [bigrams(s) for s in self._sentences]
        self.size = len(grams)
        self._df = Counter(chain.from_iterable(grams))
        self._by_count = rarity(self.size)
        self._totals: dict[frozenset[str], float] = {}
        self._common6: frozenset[str] | None = None
        self._same: dict[tuple[str, str], bool] = {}

    def weight(self, gram: str) -> float:
        return self._by_count[self._df[gram]]

    def _weights(self, grams: Iterable[str]) -> Iterator[float]:
        return map(self._by_count.__getitem__, map(self._df.__getitem__, grams))

    def total(self, grams: frozenset[str]) -> float:
        """The summed weight of a sentence's bigrams (kept: each sentence is weighed often)."""
        t = self._totals.get(grams)
        if t is None:
            t = self._totals[grams] = sum(self._weights(grams))
        return t

    @property
    def common6(self) -> frozenset[str]:
        """Runs of six characters found in three sentences or more: the speech's subject
        (reckoned on first use: most speeches never need it)."""
        if self._common6 is None:
            self._common6 = common_runs(self._sentences)
        return self._common6

    def candidates(self, grams: list[frozenset[str]]) -> list[Iterable[int]]:
        """For each sentence j (by its bigrams), the earlier sentences i < j that may be the
        same idea, ascending (``grams``: those of the sentences the measure was built from,
        whose rarity it knows). A pair can reach the lower of the two thresholds only if the
        lighter sentence's prefix — its rarest bigrams, up to more than (1 − threshold) of its
        weight — has a bigram in the other (prefix filtering): so each sentence's prefix is
        indexed, and each sentence's bigrams looked up in that index. Pairs outside are never
        scored: a speech's 150 sentences have 11,000 pairs, of which a few dozen are left."""
        t = min(self.threshold, self.near)
        df = self._df
        # bigrams of more than one sentence: the only ones two sentences can share
        shared_by_some = frozenset(compress(df.keys(), map((1).__lt__, df.values())))
        once = self._by_count[1] if self.size >= 1 else 0.0
        prefix_of: dict[str, list[int]] = {}  # bigram → sentences whose prefix has it
        kept: list[frozenset[str]] = []  # each sentence's bigrams that others have too
        for j, gs in enumerate(grams):
            shared = gs & shared_by_some if len(gs) >= MIN_GRAMS else frozenset()
            kept.append(shared)
            if not shared:
                continue
            weights = list(self._weights(shared))
            # the rarest first: the bigrams of this sentence only, which cannot be shared and
            # are not indexed (every bigram given is one of the measure's sentences')
            acc = once * (len(gs) - len(shared))
            stop = (1 - t) * self._totals.setdefault(gs, acc + sum(weights))
            if acc > stop:
                continue  # the prefix is all of bigrams no other sentence has (most sentences)
            # by weight alone: which of two as rare is indexed first changes no pair found
            for w, g in sorted(zip(weights, shared, strict=True), key=itemgetter(0), reverse=True):
                prefix_of.setdefault(g, []).append(j)
                acc += w
                if acc > stop:
                    break
        # a pair whose score cannot reach the threshold even if each bigram they share
        # weighed the most a shared one can (one found in two sentences) is not scored
        most = self._by_count[2] if self.size >= 2 else 0.0
        floors = [self._totals.get(gs, 0.0) * t * (1 - 1e-9) for gs in grams]
        out: list[set[int]] = [set() for _ in grams]
        keys = prefix_of.keys()
        for j, shared in enumerate(kept):
            hits = shared & keys
            if not hits:
                continue
            near = set().union(*map(prefix_of.__getitem__, hits))  # whose prefix has one of them
            near.discard(j)
            floor = floors[j]
            for i in near:
                if len(kept[i] & shared) * most >= min(floors[i], floor):
                    out[max(i, j)].add(min(i, j))
        return [sorted(c) if c else () for c in out]

    def score(self, a: frozenset[str], b: frozenset[str]) -> float:
        if len(a) < MIN_GRAMS or len(b) < MIN_GRAMS:
            return 0.0
        shared = a & b
        if not shared:
            return 0.0
        return sum(self._weights(shared)) / min(self.total(a), self.total(b))

    def shared_run(self, a: str, b: str, n: int = RUN) -> str | None:
        """A run of ``n`` characters both say that is neither a term nor the speech's
        subject, or ``None``."""
        return shared_run(a, b, lambda run: run in self.common6, n)  # common6 on first use

    def same(self, a: str, b: str, ga: frozenset[str] | None = None, gb: frozenset[str] | None = None) -> bool:
        key = (a, b)
        known = self._same.get(key)
        if known is None:
            known = self._same[key] = self._judge(a, b, ga, gb)
        return known

    def _judge(self, a: str, b: str, ga: frozenset[str] | None, gb: frozenset[str] | None) -> bool:
        ga = bigrams(a) if ga is None else ga
        gb = bigrams(b) if gb is None else gb
        score = self.score(ga, gb)
        if score >= self.threshold:
            return True
        if len(ga) < MIN_GRAMS or len(gb) < MIN_GRAMS:
            return False
        return score >= self.near and self.shared_run(a, b) is not None


def same_pairs(sentences: list[str], measure: Measure | None = None) -> Iterator[tuple[int, int]]:
    """Every pair (i, j), i < j, of ``sentences`` that say the same thing, in order of j
    then i; ``measure``: one built from these sentences (by default) or from a larger set."""
    if measure is None:
        yield from speech_pairs([sentences])[0]
        return
    grams = [bigrams(s) for s in sentences]
    for j, earlier in enumerate(measure.candidates(grams)):
        for i in earlier:
            if sentences[i] != sentences[j] and measure.same(sentences[i], sentences[j], grams[i], grams[j]):
                yield i, j


def speech_pairs(speeches: list[list[str]]) -> list[list[tuple[int, int]]]:
    """:func:`same_pairs` of each speech's sentences, each weighed over its own: all the
    speeches at once, as matrices (:func:`_speech_scores`); a speech too long for them, pair
    by pair (:class:`Measure`)."""
    out: list[list[tuple[int, int]] | None] = [None] * len(speeches)
    batch: list[int] = []
    rows = 0
    for k, said in enumerate(speeches):
        if len(said) < 2:
            out[k] = []
            continue
        if "\n" in "".join(said) or len(said) >= 1 << 20:  # not sentences of :func:`sentences`, or
            continue  # more than a sentence's number (20 bits) can count: pair by pair
        if rows + len(said) >= 1 << 20 or len(batch) == BATCH:
            _weigh(speeches, batch, out)
            batch, rows = [], 0
        batch.append(k)
        rows += len(said)
    _weigh(speeches, batch, out)
    for k, found in enumerate(out):
        if found is None:
            out[k] = list(same_pairs(speeches[k], Measure(speeches[k])))
    return out  # type: ignore[return-value]


def _weigh(speeches: list[list[str]], batch: list[int], out: list[list[tuple[int, int]] | None]) -> None:
    """The pairs of the speeches numbered ``batch``, into ``out`` (a speech too long for the
    matrices left ``None``)."""
    for k, scored in zip(batch, _speech_scores([speeches[k] for k in batch]), strict=True):
        if scored is not None:
            out[k] = list(_judged(speeches[k], *scored))


SPEECH_CELLS = 4_000_000
"""Sentences × shared bigrams up to which a speech's sentences are weighed all at once, as
matrices (a speech of 20,000 characters: about 300 × 1,500); a longer text (a collection) is
weighed pair by pair by :class:`Measure`, in less memory."""
BATCH = 1 << 13
"""Speeches weighed in one pass at most (their number takes 14 bits of a key, with room)."""


def _speech_scores(speeches: list[list[str]]) -> list[tuple[Any, list[str]] | None]:
    """For each speech (its sentences, each of one line; at least two): the score of every pair
    of its sentences weighed over them (what :meth:`Measure.score` gives, but for the last bits
    of a float sum; −0.0 where a sentence has too few bigrams to be compared), as a matrix;
    and the sentences with names and quoted words cut out (:func:`plain` but for its last
    step).
    ``None`` for a speech whose matrices would be too large (:data:`SPEECH_CELLS`).

    One pass for all the speeches of a batch (on one speech, a quarter of the time is numpy's
    calls, not their work): the sentences are cut a line each by the patterns of
    :func:`plain`, each character bigram is a number, and one sort finds in how many sentences
    of its speech each is; the weights of the bigrams two sentences share are then summed for
    every pair of a speech by one product of matrices."""
    np = numpy()
    if not speeches:
        return []
    sizes = [len(said) for said in speeches]
    total = sum(sizes)  # sentences in all
    joined = _NAMED.sub("|", _study_out(_quoted_start_out("\n".join(text for said in speeches for text in said))))
    c = codes(joined).astype(np.int64)
    ends = (c == 10).nonzero()[0]
    speech = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)  # the speech of each sentence
    # each character tagged with its speech and sentence (of all), the lines' lengths repeated
    tag = np.repeat(speech << 49 | np.arange(total, dtype=np.int64), np.diff(ends, prepend=-1, append=len(c) - 1))
    c -= 0x4E00  # a Chinese character (\u4e00–\u9fff): 0 ≤ c < 20992; any other, negative or more
    han = c.view(np.uint64) < 20992
    at = (han[:-1] & han[1:]).nonzero()[0]  # where a bigram of two Chinese characters begins
    # (speech, bigram, sentence) as one number, sorted: a bigram's sentences in a speech lie together
    key = c[:-1] * 20992
    key += c[1:]
    key <<= 20
    key |= tag[:-1]
    key = key[at]
    plain = joined.split("\n")
    bounds = np.cumsum([0] + sizes).tolist()
    if not len(key):  # no two Chinese characters together anywhere
        return [(np.zeros((n, n)), plain[top:top + n]) for n, top in zip(sizes, bounds, strict=False)]
    # sorted a speech at a time (its keys lie together, before the next speech's): a sort of
    # a few thousand numbers stays in the cache, one of a batch's does not (measured: half the time)
    for first, last in pairwise(np.searchsorted(key >> 49, np.arange(len(sizes) + 1)).tolist()):
        key[first:last].sort()
    key = key[np.concatenate(([True], key[1:] != key[:-1]))]  # each bigram once a sentence
    gram, row = key >> 20, key & 0xFFFFF  # gram: (speech, bigram)
    heads = np.concatenate(([True], gram[1:] != gram[:-1])).nonzero()[0]  # where each bigram's sentences begin
    found_in = np.diff(heads, append=len(gram))  # in how many sentences of its speech
    df = np.repeat(found_in, found_in)
    # the weights by df of each speech's size, end to end: a speech's begin where its size's do
    table = sorted(set(sizes))
    starts = dict(zip(table, np.cumsum([0] + [n + 1 for n in table]).tolist(), strict=False))
    weight = np.concatenate([_rarities(n) for n in table])[np.array([starts[n] for n in sizes])[speech][row] + df]
    totals = np.bincount(row, weights=weight, minlength=total)
    # a sentence with too few bigrams to be compared weighs -inf: its scores are all -0.0
    lightest = np.where(np.bincount(row, minlength=total) >= MIN_GRAMS, totals, -np.inf)
    shared = df >= 2
    often = found_in >= 2
    heads, found_in = heads[often], found_in[often]  # a bigram more than one sentence of a speech has: a column
    column = np.repeat(np.arange(len(heads)), found_in)
    rows, weights = row[shared], weight[heads]
    # where each speech's columns, and its entries among the shared, begin and end
    cuts = np.searchsorted(gram[heads] >> 29, np.arange(len(sizes) + 1)).tolist()
    entries = np.searchsorted(column, cuts).tolist()
    out: list[tuple[Any, list[str]] | None] = []
    for k, n in enumerate(sizes):
        top, (left, right), (e0, e1) = bounds[k], cuts[k:k + 2], entries[k:k + 2]
        if n * (right - left) > SPEECH_CELLS:
            out.append(None)
            continue
        has = np.zeros((n, right - left))
        has[rows[e0:e1] - top, column[e0:e1] - left] = 1.0
        lighter = np.minimum.outer(lightest[top:top + n], lightest[top:top + n])
        out.append((((has * weights[left:right]) @ has.T) / lighter, plain[top:top + n]))
    return out


@lru_cache(maxsize=1024)
def _rarities(size: int) -> Any:
    """:func:`rarity` as an array (a speech's size recurs)."""
    return numpy().array(rarity(size))


def _judged(sentences: list[str], scores: Any, plain: list[str]) -> Iterator[tuple[int, int]]:
    """The pairs :meth:`Measure.same` would find, from the scores of :func:`_speech_scores`:
    a pair scored at :data:`THRESHOLD` or above, or at :data:`NEAR` and sharing a run that is
    not the speech's subject (a run of six characters that three of its sentences say, counted
    in ``plain``, the sentences with names and quotations cut out, where the run stands only if
    :func:`plain` has it)."""
    np = numpy()
    later, earlier = np.nonzero(scores >= NEAR)  # row by row: j, then i (the matrix is symmetric)
    said: dict[str, bool] = {}

    def subject(run: str) -> bool:
        known = said.get(run)
        if known is None:
            known = said[run] = sum(run in line for line in plain) >= 3
        return known
    for j, i in zip(later.tolist(), earlier.tolist(), strict=True):
        if i < j and sentences[i] != sentences[j] and (
                scores[j, i] >= THRESHOLD or shared_run(sentences[i], sentences[j], subject) is not None):
            yield i, j
