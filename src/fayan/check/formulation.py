"""formulation — 规范提法：写错了的提法报错，并给出正确写法和依据。规范提法本身就够了：与它只差
一个字（错一个字、少一个字、多一个字、相邻两字颠倒、“二”“两”混用、多了个“的”）的写法都能找到，
如“两个确力”“中国特色社会主意思想”“全面从严治当”；另有列出的常见错误写法（如“筑牢中华民族
共同体意识”“以习近平总书记为核心的党中央”）。

The rules live in ``fayan/data/formulations.yaml`` (id, right form, wrong forms literal or
``/regex/``, source); ``--formulations FILE`` or ``formulations:`` in ``.fayan.yaml`` add more.

A near miss is found without anyone listing it (:class:`NearMatcher`). A writer's slip never
changes a form's first character (a different first character reads as the word before: 建强战斗堡垒
is not a slip for 坚强战斗堡垒; 二/两 aside), so every near miss begins with it, and keeps two of the
form's next three characters where they were or one place off. Where a first character stands
with two such characters after it (found for the whole text at once with numpy,
:meth:`NearMatcher.candidates`), a pattern is tried: the form's first character followed by
every allowed one-edit variant of the rest, all forms merged in a trie and split by first
character (see _split). Windows are then judged (:func:`near_miss`): not a right form (this one
or another), not a listed neighbour that is right in itself (``near_ok``: 全面从严治军), no numeral
changed for another (二十届三中全会 is not 二十届二中全会; only 二/两 are confused), and in a short form (four
or five characters) only a character that sounds the same (an input method's slip: 两个确力, not
四个自然村) or a 的 put in.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .. import yamlio
from ..arrays import char_table, codes, numpy
from ..errors import DataError
from . import LintProblem, data_files, problem, user_regex
from .chars import rarity

ID = "formulation"
SEVERITY = "error"
DOC = __doc__
RULE = sys.modules[__name__]  # this module, as the rule problems name


class Formulation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    right: str = Field(..., min_length=1, description="正确写法")
    wrong: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list, description="列出的错误写法；/…/ 为正则表达式。与正确写法只差一个字的不必列出")
    near: bool | None = Field(None, description="是否查找与正确写法只差一个字的写法；默认：正确写法为四个字以上的汉字时查找")
    near_ok: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list, description="与正确写法只差一个字、本身却是对的说法（如“全面从严治党”旁的“全面从严治军”）")
    source: str = Field(..., min_length=1, description="依据（文件，能找到时连同原文）")

    @model_validator(mode="after")
    def _something_to_find(self) -> Formulation:
        if self.near is None:
            self.near = near_form(self.right)
        elif self.near and not near_form(self.right):
            raise ValueError("near 只能用于四个字以上、全是汉字的正确写法")
        if not self.wrong and not self.near:
            raise ValueError("要么列出错误写法（wrong），要么让正确写法查找近似写法（near）")
        return self


def near_form(text: str) -> bool:
    """Whether near misses of ``text`` are looked for: four Chinese characters or more, nothing else."""
    return len(text) >= MIN_NEAR and all("\u3400" <= ch <= "\u9fff" for ch in text)


MIN_NEAR = 4
"""The shortest right form whose near misses are looked for: of three characters, one changed
is too often another word."""


class FormulationFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    formulations: list[Formulation]


_META = set(".^$*+?{}[]|()\\")


class Matcher:
    """Every wrong form of every rule, searched in one pass: an alternation of the forms that
    begin with a plain character (a pass of the text a form, literal or not, costs more than
    the whole alternation). A regex form that begins otherwise, or has groups of its own, gets
    a pass of its own."""

    def __init__(self, rules: list[tuple[Formulation, list[str], list[re.Pattern[str]]]]) -> None:
        self.forms: list[tuple[Formulation, re.Pattern[str]]] = []  # in the order of the files
        self.alone: list[tuple[Formulation, re.Pattern[str]]] = []
        split: list[tuple[str, str]] = []  # each form of self.forms as (first character, the rest)
        for f, literals, patterns in rules:
            for wrong in literals:
                self.forms.append((f, re.compile(re.escape(wrong))))
                split.append((re.escape(wrong[0]), re.escape(wrong[1:])))
            for pattern in patterns:
                source = pattern.pattern
                # only a plain first character followed by the rest splits safely: not x*, x+,
                # x?, x{2}, not a|b at the top, not groups (their numbers would shift)
                if source[:1] in _META or source[1:2] in "*+?{" or "|" in source or pattern.groups:
                    self.alone.append((f, pattern))
                else:
                    self.forms.append((f, pattern))
                    split.append((source[0], source[1:]))
        # one branch a first character (习(?:近平…|总书记…)): where a candidate character
        # stands, the engine tries one branch, not every form
        branches: dict[str, list[str]] = {}
        for first, rest in split:
            branches.setdefault(first, []).append(rest)
        try:
            self.pattern = re.compile("|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in branches.items())
                                      ) if branches else None
        except re.error:  # a form that splits in a way not foreseen here: search each on its own
            self.pattern, self.alone = None, self.forms + self.alone

    def finditer(self, text: str) -> Iterator[tuple[int, str, Formulation]]:
        """(offset, text, rule) of every wrong form found."""
        if self.pattern:
            for m in self.pattern.finditer(text):
                at = m.start()
                # the alternation matched with the first form that matches here: find which
                rule = next(f for f, p in self.forms if p.match(text, at))
                yield at, m.group(0), rule
        for f, pattern in self.alone:
            for m in pattern.finditer(text):
                yield m.start(), m.group(0), f


NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
_CONFUSED_NUMERALS = frozenset("二两")
SHORT = 5
"""A right form of this many characters or fewer is short: a character replaced counts only if
it sounds the same (an input method's slip: 两个确力, not 四个自然村), and only 的 may be put in;
nothing may be dropped or swapped."""


def _variants(rest: str, short: bool) -> list[list[str]]:
    """Every allowed one-edit variant of ``rest`` (a form after its first character) as lists of
    regex pieces: each character replaced,
    and a character put in before one (only 的 in a short form); in a longer form also a
    character dropped (not the last: a window that ends early is not an edit) and two
    neighbours swapped."""
    lit = [re.escape(ch) for ch in rest]
    m = len(rest)
    out = []
    for j in range(m):
        # a word character but this one: where the text goes on as the form does, this path
        # fails at once instead of walking the form again. Just after the first character,
        # though, any word character: one branch shared by every form that begins alike, where
        # the engine stops most often (the form itself, found so, is let go after). In a short
        # form the character must also sound the same: near_miss judges it (a class of
        # same-sounding characters a position would make the pattern slow to compile).
        out.append(lit[:j] + ["\\w" if j == 0 else f"[^{lit[j]}\\W]"] + lit[j + 1:])
    out += [lit[:j] + ["的" if short else "\\w"] + lit[j:] for j in range(m)]
    if not short:
        out += [lit[:j] + lit[j + 1:] for j in range(m - 1)]
        out += [lit[:j] + [lit[j + 1], lit[j]] + lit[j + 2:] for j in range(m - 1) if rest[j] != rest[j + 1]]
    return out


def _trie_regex(sequences: list[list[str]]) -> str:
    """One regex for many sequences of pieces, sharing their common beginnings (a trie): where
    a candidate stands, the engine follows one path instead of trying every sequence."""
    trie: dict = {}
    for seq in sequences:
        node = trie
        for piece in seq:
            node = node.setdefault(piece, {})
        node[""] = {}

    def emit(node: dict) -> str:
        parts = [piece + emit(child) for piece, child in node.items() if piece]
        if "" in node:
            parts.append("")  # an end here: after the longer paths
        if len(parts) == 1:
            return parts[0]
        return "(?:" + "|".join(parts) + ")"
    return emit(trie)


class NearMatcher:
    """Near misses of every right form, found in one pass over the text (see the module's
    documentation): each form's first character (never taken as changed), followed by every
    allowed one-edit variant of the rest, the variants of all forms merged in a trie."""

    def __init__(self, forms: list[Formulation]) -> None:
        self.right: dict[str, Formulation] = {}
        for f in forms:  # a later file's (an office's own) wins where two give the same right form
            self.right[f.right] = f
        self.ok = {w for f in forms for w in f.near_ok} | set(self.right)
        self.by_first: dict[tuple[str, int], list[str]] = {}  # (first character as written, length) -> right forms
        sequences: list[list[str]] = []
        for text, f in self.right.items():
            if not f.near:
                continue
            rest = [re.escape(ch) for ch in text[1:]]
            firsts = [text[0]]
            if text[0] in _CONFUSED_NUMERALS:  # 二个确立: the one first character that may be wrong
                firsts += sorted(_CONFUSED_NUMERALS - {text[0]})
                sequences.append([re.escape(firsts[1])] + rest)
            for first in firsts:
                self.by_first.setdefault((first, len(text)), []).append(text)
            sequences += [[re.escape(text[0])] + v for v in _variants(text[1:], len(text) <= SHORT)]
        self.groups = _split(sequences)
        self.group_of = {first: k for k, (firsts, _) in enumerate(self.groups) for first in firsts}
        self._compiled: dict[int, re.Pattern[str]] = {}
        self._tables: tuple[Any, Any] | None = None

    def candidates(self, texts: list[str]) -> list[list[int]]:
        """For each text, the offsets at which a near miss may begin, in order: a first
        character of a form (the table of :attr:`group_of`) with two of the next three
        characters where one of its near misses has them (:func:`_keys`; hashed, so a few more
        are let through). Every offset where a pattern of :attr:`groups` matches is among
        them. Texts are looked at :data:`TOGETHER` characters at a time: short ones together
        (numpy's calls cost about a microsecond each, as much as their work on a speech), a
        long one in pieces (its arrays would take memory many times its size)."""
        parts: list[tuple[int, int, str]] = []  # (which text, where in it, the piece)
        for k, text in enumerate(texts):
            if len(text) <= TOGETHER:
                parts.append((k, 0, text))
            else:  # each piece with the three characters after it, which its last windows hold
                parts += [(k, at, text[at:at + TOGETHER + 3]) for at in range(0, len(text), TOGETHER)]
        found: list[list[int]] = []
        chunk: list[str] = []
        size = 0
        for n, (_, _, piece) in enumerate(parts):
            chunk.append(piece)
            size += len(piece) + 1
            if size >= TOGETHER or n == len(parts) - 1:
                found += self._candidates(chunk)
                chunk, size = [], 0
        out: list[list[int]] = [[] for _ in texts]
        for (k, at, _), hits in zip(parts, found, strict=True):
            if len(texts[k]) <= TOGETHER:
                out[k] = hits
            else:  # an offset past the piece is the next piece's
                out[k] += [at + p for p in hits if p < TOGETHER]
        return out

    def _candidates(self, texts: list[str]) -> list[list[int]]:
        """:meth:`candidates` of a few texts, joined a line each (a window that runs on into
        the next text only lets a stray offset through: a match lies within its text)."""
        np = numpy()
        if self._tables is None:
            table = np.zeros(1 << _HASH_BITS, dtype=bool)
            keys = np.array(_keys([text for text, f in self.right.items() if f.near]), dtype=np.uint32).reshape(-1, 4)
            table[_hash(np, keys[:, 0], keys[:, 1], keys[:, 2], keys[:, 3])] = True
            self._tables = char_table(self.group_of), table
        first, table = self._tables
        m0, m1, m2, m3 = (np.uint32(m) for m in _MIX)
        joined = "\n".join(texts) + "\0\0\0"  # three past the end
        code = codes(joined)
        at = np.flatnonzero(first[code[:-3]])
        c0, c1, c2, c3 = code[at] * m0, code[at + 1] * m1, code[at + 2] * m2, code[at + 3] * m3
        shift = np.uint32(32 - _HASH_BITS)
        head = c0 + c1
        hit = table[(head + c2) >> shift]
        hit |= table[(head + c3) >> shift]
        hit |= table[(c0 + c2 + c3) >> shift]
        at = at[hit]
        bases = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        cuts = np.searchsorted(at, [*bases, len(joined)]).tolist()
        return [(at[cuts[k]:cuts[k + 1]] - base).tolist() for k, base in enumerate(bases)]

    def finditer(self, text: str, candidates: list[int] | None = None) -> Iterator[tuple[int, str, Formulation]]:
        """(offset, text, rule) of every near miss, in the text's order. Each pattern of
        :attr:`groups` is tried only where :meth:`candidates` says one may match (given, or
        found here), and its matches do not overlap (as a scan of the text with it would find
        them: a form's own text hides a near miss of another inside it, 特色社会主义 in
        中国特色社会主义)."""
        done = [0] * len(self.groups)  # where each pattern's last match ended
        for start in self.candidates([text])[0] if candidates is None else candidates:
            k = self.group_of[text[start]]
            if start < done[k]:
                continue
            m = self._pattern(k).match(text, start)
            if m is None:
                continue
            done[k] = m.end()
            window = m.group(0)
            if window not in self.ok:
                f = self._meant(text, start, window)
                if f is not None:
                    yield start, window, f

    def _pattern(self, k: int) -> re.Pattern[str]:
        """Pattern ``k`` of :attr:`groups`, compiled the first time a text needs it (compiling
        them all is most of a one-speech check's start-up; a short speech needs a few)."""
        compiled = self._compiled.get(k)
        if compiled is None:
            compiled = self._compiled[k] = re.compile(self.groups[k][1])
        return compiled

    def _meant(self, text: str, start: int, window: str) -> Formulation | None:
        """The right form that ``window`` misses by one allowed edit, the longest if several."""
        n = len(window)
        for length in (n + 1, n, n - 1):  # the longest first
            for right in self.by_first.get((window[0], length), ()):
                if near_miss(window, right) and not _written(text, start, start + n, right):
                    return self.right[right]
        return None


ALONE = 40
"""How many of the commonest first characters get a pattern of their own (see _split)."""


def _split(sequences: list[list[str]]) -> list[tuple[str, str]]:
    """The trie of ``sequences`` as several patterns: one for each of the :data:`ALONE` commonest
    first characters (:mod:`fayan.check.chars`), one for the rest; each as (its first
    characters, its source), compiled where needed (:meth:`NearMatcher._pattern`). A pattern's
    matches do not overlap, so the grouping also says which near misses a match hides. (It was
    chosen when each pattern was a scan of the text: 40 alone and one for the rest, 9–14
    baselines, against 24 for one pattern; the scans are now :meth:`NearMatcher.candidates`,
    and the grouping is kept for what it finds.)"""
    by_first: dict[str, list[list[str]]] = {}
    for seq in sequences:
        by_first.setdefault(seq[0], []).append(seq)
    order = sorted(by_first, key=lambda piece: rarity(piece.lstrip("\\")))
    groups = [[first] for first in order[:ALONE]] + ([order[ALONE:]] if order[ALONE:] else [])
    return [("".join(first.lstrip("\\") for first in group),
             _trie_regex([seq for first in group for seq in by_first[first]])) for group in groups]


_HASH_BITS = 20
"""The size of :meth:`NearMatcher.candidates`' table of hashed keys (2**20 entries, of which
the shipped forms fill about one in 400: a stray offset gets through a few times a speech)."""
TOGETHER = 16_000
"""Characters of text :meth:`NearMatcher.candidates` looks at in one go (about six speeches:
on the corpus's speeches, 53 µs a speech one by one, 19 by eight; the arrays of a whole batch
no longer stay in the cache, 29)."""
_MIX = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F)
"""Odd multipliers, one for each of the four characters a key holds: the same two characters
one place further on hash apart."""


def _hash(np: Any, c0: Any, a: Any, b: Any, which: Any) -> Any:
    """The table slots of keys (first character, two characters, which two of the next three:
    0 the first and second, 1 the first and third, 2 the second and third), as arrays of uint32."""
    m0, m1, m2, m3 = (np.uint32(m) for m in _MIX)
    return (c0 * m0 + np.where(which == 2, a * m2, a * m1) + np.where(which == 0, b * m2, b * m3)
            ) >> np.uint32(32 - _HASH_BITS)


def _keys(rights: list[str]) -> list[int]:
    """For each right form (four Chinese characters or more) and each allowed near miss of it,
    the first character and two of the next three that the near miss keeps, as (first,
    a, b, which) in a flat list (see :func:`_hash`). A near miss changes one character, puts
    one in, drops one or swaps two, never the first; of the form's second to fourth characters
    c1 c2 c3, it keeps c1 c2 after the first (an edit further on), c1 _ c3 or _ c2 c3 (the second
    or third replaced), _ c1 c2 or c1 _ c2 (one put in before them), c2 c3, c1 c3 (one dropped),
    or c2 c1 (the two swapped; c1 c3 c2 keeps c1 c3). 二 and 两 are taken for each other as the
    first character too."""
    out: list[int] = []
    for right in rights:
        c = [ord(ch) for ch in right[:4]]
        kept = [(c[1], c[2], 0), (c[1], c[3], 1), (c[2], c[3], 2), (c[1], c[2], 2), (c[1], c[2], 1),
                (c[2], c[3], 0), (c[1], c[3], 0), (c[2], c[1], 0)]
        firsts = _CONFUSED_NUMERALS if right[0] in _CONFUSED_NUMERALS else right[0]
        for first in firsts:
            for a, b, which in kept:
                out += (ord(first), a, b, which)
    return out


def _written(text: str, start: int, end: int, right: str) -> bool:
    """Whether ``right`` itself is written across text[start:end] (a doubled character beside
    it reads as a character put in: 中国式现代化化 is the doubled-character rule's)."""
    return text.find(right, max(0, start - len(right) + 1), end + len(right) - 1) != -1


@lru_cache(maxsize=1)
def _alike() -> dict[str, str]:
    """Each common character's same-sounding common characters, from ``fayan/data/sounds.txt``
    (the first level of GB 2312, 3,755 characters, where an input method's first choices lie);
    read the first time a short form's near miss is judged."""
    from importlib import resources
    by_sound: dict[str, str] = {}
    of_char: dict[str, list[str]] = {}
    for line in resources.files("fayan").joinpath("data/sounds.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            sound, chars = line.split(" ", 1)
            by_sound[sound] = chars
            for ch in chars:
                of_char.setdefault(ch, []).append(sound)
    out = {}
    for ch, sounds in of_char.items():
        alike = sorted({c for s in sounds for c in by_sound[s]} - {ch})
        if alike:
            out[ch] = "".join(alike)
    return out


def sounds_alike(a: str, b: str) -> bool:
    """Whether two characters share a sound (tone, zh/z, ch/c, sh/s, -ng/-n aside)."""
    return a in _alike().get(b, "")


POSSESSORS = ("国家", "我国", "全国", "中国", "中华民族", "民族", "人民", "群众", "社会", "全党", "党", "世界",
              "人类", "经济", "农村", "城乡", "城市", "地方", "基层", "干部", "党员", "企业", "政府")
"""Words after which a 的 joins a possessor to what it has (国家的粮食安全): the form with the
的 is ordinary grammar, not a slip of the canonical one."""


def near_miss(window: str, right: str) -> bool:
    """Whether ``window`` is ``right`` with one edit a writer makes by mistake: in any form, a
    character replaced (in a short one by one that sounds the same) or a 的 put in; in a longer
    one also a character put in or dropped, or two swapped. Never the first character (the word
    before: 建强战斗堡垒 is not 坚强战斗堡垒), and never a numeral for another (二十届三中全会 and
    四中全会 are both right); but 二 and 两 are confused anywhere (二个确立)."""
    n, m = len(right), len(window)
    if m == n:
        diffs = [i for i in range(n) if window[i] != right[i]]
        if len(diffs) == 1:
            i = diffs[0]
            was, now = right[i], window[i]
            if {was, now} == _CONFUSED_NUMERALS:
                return True  # 二个确立, 党的两十大
            if i == 0 or not _chinese(now) or was in NUMERALS or now in NUMERALS:
                return False
            return n > SHORT or sounds_alike(was, now)
        return (len(diffs) == 2 and diffs[1] == diffs[0] + 1 and n > SHORT and diffs[0] > 0
                and window[diffs[0]] == right[diffs[1]] and window[diffs[1]] == right[diffs[0]])
    if m == n + 1:
        i = next((j for j in range(n) if window[j] != right[j]), n)
        put = window[i]
        if put == "的" and right[:i].endswith(POSSESSORS):
            return False  # 国家的粮食安全, 中华民族的伟大复兴: a 的 after one who has is grammar, no slip
        return (0 < i < n and window[i + 1:] == right[i:] and _chinese(put) and put not in NUMERALS
                and (put == "的" or n > SHORT))
    if m == n - 1:
        i = next((j for j in range(m) if window[j] != right[j]), m)
        return 0 < i < n - 1 and window[i:] == right[i + 1:] and right[i] not in NUMERALS and n > SHORT
    return False


def _chinese(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


@lru_cache(maxsize=16)
def load(extra: tuple[str, ...] = ()) -> list[tuple[Formulation, list[str], list[re.Pattern[str]]]]:
    """Every rule with its literal wrong forms and its compiled regular ones."""
    files = data_files("formulations.yaml", extra, "规范提法")
    out = []
    for name, raw in files:
        data = yamlio.load(raw, name)
        for i, f in enumerate(yamlio.validate(FormulationFile, data, name, DataError, "（规范提法）").formulations):
            literals = [w for w in f.wrong if not (len(w) > 2 and w.startswith("/") and w.endswith("/"))]
            patterns = [user_regex(w[1:-1], name, data, ("formulations", i, "wrong", j), f"规范提法 {f.id} ")
                        for j, w in enumerate(f.wrong) if w not in literals]
            out.append((f, literals, patterns))
    return out


@lru_cache(maxsize=16)
def matcher(extra: tuple[str, ...] = ()) -> Matcher:
    return Matcher([r for r in load(extra) if r[1] or r[2]])


@lru_cache(maxsize=16)
def near_matcher(extra: tuple[str, ...] = ()) -> NearMatcher:
    return NearMatcher([f for f, _, _ in load(extra)])


def check(source, options: dict[str, Any]) -> Iterator[LintProblem]:
    return iter(check_many([source], options)[0])


def check_many(sources: list, options: dict[str, Any]) -> list[list[LintProblem]]:
    """:func:`check` of each source, the places where a near miss may begin found for several
    texts at once (:meth:`NearMatcher.candidates`)."""
    files = tuple(options.get("files", ()))
    near = near_matcher(files)
    return [list(_check(source, files, near, candidates))
            for source, candidates in zip(sources, near.candidates([s.text for s in sources]), strict=True)]


def _check(source, files: tuple[str, ...], near_misses: NearMatcher, candidates: list[int]) -> Iterator[LintProblem]:
    text = source.text
    taken: list[tuple[int, int]] = []  # listed wrong forms first: a near miss inside one is the same mistake
    for at, found, f in matcher(files).finditer(text):
        if not any(a == at for a, _ in taken):  # a form that has its own pass may match where another did
            taken.append((at, at + len(found)))
            yield _problem(source, at, found, f)
    listed = sorted(taken)
    near = sorted(near_misses.finditer(text, candidates), key=lambda hit: (hit[0], -len(hit[1])))
    last_end = -1
    for at, found, f in near:
        end = at + len(found)
        if at < last_end or _overlaps(listed, at, end):
            continue  # one mistake, one report: the longest near miss that begins first
        last_end = end
        yield _problem(source, at, found, f)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_left(spans, (start, start))
    return any(s < end and start < e for s, e in spans[max(0, i - 1):i + 1])


def _problem(source, at: int, found: str, f: Formulation) -> LintProblem:
    return problem(source, at, RULE, f"提法不规范：“{found}”，应为“{f.right}”（依据：{f.source}）。",
                   suggestion=f.right)
