"""(Brief, Skeleton, PhraseBank, seed) → Document. Pure: no I/O, no printing, no clock.

Selection is seeded with ``random.Random(seed)``; a phrase is never used twice in one draft,
nor a parallel-set item; a brief's ``pins`` fix a slot to a phrase id. Every generated segment
carries the slot it filled and the ids behind it, so the trace is read off the Document.

Length: elastic moves (``section.elaborate*``) start at one phrase each; the draft is composed
again with one more (or one fewer) phrase at a time, round-robin over the elastic slots, until
the body's character count is as close to the target as the bank allows.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import __version__, sandbox
from .brief import Brief, Quote, Section, StudyPoint
from .document import NOT_XML, Document, Paragraph, Part, Segment, block_text, marker
from .errors import ComposeError, DataError, Problem
from .phrasebank import Phrase, PhraseBank, Requires, SetItem, slots_of
from .similar import Measure, bigrams, runs, same_pairs, sentences
from .skeleton import USER_MOVES, PartSpec, Skeleton, parse_move, walk_parts
from .speaker import POWERS, Profile, profile, unit_kinds
from .topic import GUIDING_THOUGHTS, TopicInfo, topic_info
from .yamlio import PosDict, PosList

_ENDS = "。！？…”"
SALUTATION = "同志们："
_OWN_ENOUGH = 4
"""A section draws from its theme's own phrases alone while at least this many are left;
with fewer (a theme with two sayings, say), from those and the general ones alike."""
_GENERAL_MIX = 0.25
"""Of the items of a section's numbered list (一是要……), about this share come from the general
pool (within the section's share of it), the rest from its theme's own: a general
requirement (坚持问题导向) reads well among a part's requirements. In the part's argument, half
as many, and only general statements (问题找得准不准，决定着措施实不实): a general order there
would read as filler."""
_UNKNOWN_MOST = 9
"""Sentences an elastic move gives a part whose theme the bank does not know: general ones only,
so a few; the length goes to the parts the bank can fill, and the user's own text."""
_CONNECTOR_MOST = 2
"""Times one connector (同时，) may open a sentence in a draft: more reads as a tic."""
FULL_LENGTH = 2500
"""From this length (字) a move keeps the least its template gives (``*5-6``); below, it keeps
proportionally fewer, two at the least."""
_AFTER_QUOTE = ("study.explain",)
"""Functions whose phrases explain the 原话 just cited (这一重要论断……): used only after one."""


def render_text(text: str, ctx: dict[str, Any], what: str,
                where: tuple[str | None, int | None, int | None] | tuple[()] = ()) -> str:
    """Render phrase or frame ``text`` in the bounded sandbox (:mod:`fayan.sandbox`); ``what``
    names it in an error, ``where`` gives its file, line and column (the text's first line)."""
    try:
        return sandbox.render(text, ctx)
    except sandbox.TemplateProblem as exc:
        raise DataError(exc.at(f"{what}无法生成：{exc.message}", where)) from None


def _resolve(ctx: dict[str, Any], path: str) -> Any:
    value: Any = ctx
    for part in path.split("."):
        if not isinstance(value, dict) or value.get(part) in (None, ""):
            return None
        value = value[part]
    return value


def end_sentence(text: str) -> str:
    """The user's sentence with a full stop added where it has no closing mark."""
    text = text.strip()
    return text if not text or text[-1] in _ENDS else text + "。"


def _clause(text: str) -> str:
    """A measure as a clause of a series: trailing 。；, removed."""
    return text.strip().rstrip("。；;，,.")


def _split(segs: list[Segment], most: int) -> list[Paragraph]:
    """A paragraph of more than ``most`` generated sentences becomes several of about equal
    length, as a writer would break it (seven sentences as four and three, not six and a
    lone one); a user's text and the phrase that introduces it stay together."""
    if not segs:
        return []
    total = sum(1 for s in segs if s.origin == "phrase")
    parts = -(-total // most) if total else 1
    size = -(-total // parts) if total else most  # the most a paragraph takes, evened out
    out: list[list[Segment]] = [[]]
    count = 0
    for i, seg in enumerate(segs):
        follows_lead = i > 0 and segs[i - 1].origin == "phrase" and segs[i - 1].text.endswith(("，", "："))
        if seg.origin == "phrase" and count >= size and not follows_lead:
            out.append([])
            count = 0
        out[-1].append(seg)
        count += seg.origin == "phrase"
    return [Paragraph(p) for p in out if p]


SLOT_NAMES = {
    "place": "“地方”（place）", "occasion": "“会议”（occasion）", "instruction": "“原话”（instruction）",
    "topic": "“专题”（topic）", "leader": "“称谓”（leader）", "post": "“发言人”的“职务”（speaker.post）",
    "unit": "“发言人”的“单位”（speaker.unit）", "name": "“发言人”的“姓名”（speaker.name）",
    "speaker.post": "“发言人”的“职务”（speaker.post）", "speaker.unit": "“发言人”的“单位”（speaker.unit）",
    "speaker.name": "“发言人”的“姓名”（speaker.name）",
}
"""The brief field behind each slot a phrase may use, as a writer of the brief knows it."""


def speaker_profile(brief: Brief) -> Profile:
    """The speaker as fayan reads them from the brief (see :mod:`fayan.speaker`)."""
    sp = brief.speaker
    if sp is None:
        return profile(None, None, place=brief.place)
    p = profile(sp.post, sp.unit, rank=sp.rank, kind=sp.kind, presides=sp.presides, place=brief.place)
    if sp.young is not None and sp.young != p.young:
        p = Profile(p.rank, p.units, p.powers, sp.young)
    return p


def brief_topic(brief: Brief) -> TopicInfo:
    return topic_info(brief.topic, brief.topic_kind)


def section_themes(brief: Brief, bank: PhraseBank) -> list[str]:
    """Each section's theme: the bank's name for it, or the brief's own words where the bank
    does not know it (then only general phrases fit it, never another theme's)."""
    return [bank.theme_name(s.theme) or s.theme.strip() for s in brief.sections]


def section_context(ctx: dict[str, Any], theme: str, index: int, quote: Quote | None = None) -> dict[str, Any]:
    """The context of the ``index``-th (0-based) section: ``section.theme`` and the 原话 given
    to it, if any (``quote``, ``quote_source``)."""
    return _with_quote(dict(ctx, section={"theme": theme, "index": index + 1}), quote)


def _with_quote(ctx: dict[str, Any], quote: Quote | None) -> dict[str, Any]:
    """``ctx`` with the 原话 of this place, and without the one of the place before."""
    ctx = {k: v for k, v in ctx.items() if k not in ("quote", "quote_source")}
    if quote is not None:
        ctx.update(_quote_ctx(quote))
    return ctx


QUOTED_REFS = ("这一重要指示", "这一重要批示")
"""How a sentence refers back to a studied text that is itself words to quote: a 指示 or 批示
quoted in the opening is “这一重要指示” (another quotation is “这一重要论述”)."""


def base_context(brief: Brief, skeleton: Skeleton, opening_quote: str | None = None) -> dict[str, Any]:
    """The names phrases and frames may use: the brief's fields and the template's variables.
    Empty fields are left out, so that a phrase using one fails loudly instead of saying None.

    ``topic`` is the topic as a noun (a 条例 in 《》), ``topic_ref`` how a sentence refers back
    to it (这一重要思想, 《条例》, 这次学习教育); ``instruction`` is the 原话 the opening quotes, and
    ``quote_ref`` (这一重要论述) is given only when the opening quotes one."""
    given = brief.speaker.model_dump() if brief.speaker else {}
    speaker = {k: v for k, v in given.items() if v not in (None, "") and isinstance(v, str)}
    info = brief_topic(brief)
    ctx: dict[str, Any] = dict(skeleton.vars)
    ctx.update(brief.vars)
    ctx.update(
        title=_inline(brief.title), topic=info.noun, topic_ref=info.ref, occasion=brief.occasion,
        leader=brief.leader,
        instruction=opening_quote.rstrip("。") if opening_quote else None,
        quote_ref=(info.ref if info.ref in QUOTED_REFS else "这一重要论述") if opening_quote else None,
        place=brief.place, speaker=speaker,
        unit=speaker.get("unit"), post=_post(speaker.get("post"), speaker.get("unit")), name=speaker.get("name"),
    )
    return {k: v for k, v in ctx.items() if v not in (None, "")}


_BARE_POST = re.compile(r"^(?:副|常委|党委|党组|党工委|党支部|书记|主任|局长|部长|院长|校长|委员|董事长|总经理|居委会|村委会|镇长|乡长)")


def _post(post: str | None, unit: str | None) -> str | None:
    """The post as a sentence says it (作为……): with the unit in front where the post alone
    does not say whose it is (副书记、XX镇党委书记 → XX县委副书记、XX镇党委书记)."""
    if post and unit and _BARE_POST.match(post) and not post.startswith(unit):
        return unit + post
    return post


def _inline(title: str) -> str:
    """A title as running text: the ideographic space of a two-part title (坚定理想信念　筑牢党性
    根基) becomes a comma."""
    return re.sub(r"[\u3000 ]+", "，", title.strip())


def speaker_may_say(phrase: Phrase, who: Profile) -> bool:
    """Whether the speaker may say a phrase: its voice (a junior speaker does not direct) and
    what it requires (rank, kind of unit, powers, young)."""
    if phrase.the_voice not in who.voices:
        return False
    implied = phrase.implied_units
    if implied and not who.units & unit_kinds(list(implied)):
        return False
    return meets(phrase.requires, who)


def meets(req: Requires | None, who: Profile) -> bool:
    """Whether the speaker has what a phrase or set item requires (``None``: nothing)."""
    if req is None:
        return True
    if req.rank and who.rank not in req.rank:
        return False
    if req.unit and not who.units & unit_kinds(req.unit):
        return False
    if any(p not in who.powers for p in req.power):
        return False
    return req.young is None or req.young == who.young


def fits(phrase: Phrase, genre: str, theme: str | None, brief_themes: set[str], ctx: dict[str, Any],
         who: Profile | None = None, topic_kind: str | None = None) -> bool:
    """Whether a phrase may stand in a place: its genre, its theme (a section's own or general;
    outside sections, general or one of the brief's themes), the kind of text studied, the
    speaker (:func:`speaker_may_say`) and every slot it uses given."""
    if phrase.genres and genre not in phrase.genres:
        return False
    if phrase.themes:
        if theme is not None and theme not in phrase.themes:
            return False
        if theme is None and not brief_themes.intersection(phrase.themes):
            return False
    if topic_kind and phrase.topic_kinds and topic_kind not in phrase.topic_kinds:
        return False
    if who is not None and not speaker_may_say(phrase, who):
        return False
    return all(_resolve(ctx, s) is not None for s in phrase.slots or ())


@dataclass
class _Run:
    """One composition pass with fixed elastic counts."""

    brief: Brief
    skeleton: Skeleton
    bank: PhraseBank
    seed: int
    counts: dict[str, int]
    index: dict[str, list[Phrase]]
    themes: list[str]
    fitting: dict[tuple[str, str | None, bool], list[Phrase]]
    rng: random.Random = field(init=False)
    used: set[str] = field(default_factory=set)
    used_items: dict[str, set[int]] = field(default_factory=dict)
    elastic: list[str] = field(default_factory=list)
    saturated: set[str] = field(default_factory=set)
    got: dict[str, int] = field(default_factory=dict)
    series: dict[str, list[int]] = field(default_factory=dict)
    visited: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    who: Profile | None = None
    topic_kind: str | None = None
    quotes: Quotes | None = None
    brief_themes: set[str] = field(init=False)
    used_ideas: set[str] = field(default_factory=set)
    section_index: int | None = None
    restated: frozenset[str] = frozenset()
    general_taken: dict[tuple[str, str], int] = field(default_factory=dict)
    said: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    said_index: dict[str, list[int]] = field(default_factory=dict)
    openings: list[str] = field(default_factory=list)
    dropped: frozenset[str] = frozenset()
    connectors: dict[str, int] = field(default_factory=dict)
    least: dict[str, int] = field(default_factory=dict)
    frames: dict[str, int] = field(default_factory=dict)
    set_parts: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    target: int = FULL_LENGTH
    topic: TopicInfo = field(init=False)
    named: bool = False
    """Whether the draft has named what was studied: until it has, no sentence refers back to
    it (这一重要思想, 这次学习教育, 《条例》 need something said before to point to)."""

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.topic = brief_topic(self.brief)
        for t in user_texts(self.brief):
            self.say(t)
        self.used = set(self.brief.pins.values())
        self.brief_themes = {t for t in self.themes if t in self.bank.themes}
        for pid in self.used:
            phrase = self.bank.phrases.get(pid)
            if phrase is not None and phrase.idea:
                self.used_ideas.add(phrase.idea)

    # --- picking ---------------------------------------------------------------------------

    def pick(self, function: str, slot: str, theme: str | None, ctx: dict[str, Any],
             quiet: bool = False, accept: Callable[[Phrase], bool] | None = None,
             numbered: bool = False) -> Segment | None:
        """A phrase of ``function`` for ``slot``; ``quiet``: an alternative that may find none
        (a pin on its slot is still honoured); ``accept``: what the words around it allow;
        ``numbered``: an item of a list (一是……), whose opening is its number."""
        if not quiet or slot in self.brief.pins:
            self.visited.add(slot)
        pinned = self.brief.pins.get(slot)
        if pinned is not None:
            phrase = self.bank.phrases.get(pinned)
            if phrase is None:
                raise ComposeError(Problem(f"锁定的句子编号“{pinned}”不存在。用 `fayan phrases` 查可用编号。",
                                           *self.brief.where("pins", slot)))
            if phrase.function != function:
                raise ComposeError(Problem(
                    f"位置“{slot}”要的是“{function}”类句子，“{pinned}”是“{phrase.function}”类，不能放在这里。",
                    *self.brief.where("pins", slot)))
            missing = [s for s in phrase.slots or () if _resolve(ctx, s) is None]
            if missing:
                fields = "、".join(SLOT_NAMES.get(s, s) for s in missing)
                raise ComposeError(Problem(
                    f"锁定的句子“{pinned}”要用到提纲里的{fields}，提纲没有写：请补上，或换一条句子。",
                    *self.brief.where("pins", slot)))
        else:
            key = (function, theme, "section" in ctx, "quote" in ctx, "quote_source" in ctx)
            if key not in self.fitting:  # the same for every run of one compose: shared
                self.fitting[key] = [p for p in self.index.get(function, ())
                                     if fits(p, self.skeleton.genre, theme, self.brief_themes, ctx,
                                             self.who, self.topic_kind)]
            candidates = [p for p in self.fitting[key]
                          if p.id not in self.used and not (p.idea and p.idea in self.used_ideas)
                          and p.id not in self.restated and (accept is None or accept(p))
                          and (self.named or "topic_ref" not in (p.slots or ()))]
            if not candidates:
                return None
            # a section's own theme first: general phrases are shared by every section, and a
            # section takes no more than its share of them, so that a later one (on a theme the
            # bank does not know, say) is not left with none
            own = [p for p in candidates if p.themes]
            section = slot.split(".")[1] if slot.startswith("sections.") else None
            general_full = False
            if section is not None and "section" in ctx:
                share = -(-sum(1 for p in self.fitting[key] if not p.themes) // max(1, len(self.brief.sections)))
                took = self.general_taken.get((section, function), 0)
                general_full = took >= share and len(self.brief.sections) > 1
            general = [p for p in candidates if not p.themes] if not general_full else []
            if not numbered:  # in a part's argument, a general truth now and then, never a general order
                general_said = [p for p in general if p.the_voice in ("statement", "reflection")]
                mix = bool(general_said) and self.rng.random() < _GENERAL_MIX / 2
                general = general_said if mix else general
            else:
                mix = bool(general) and self.rng.random() < _GENERAL_MIX
            if theme is not None and len(own) >= _OWN_ENOUGH and not mix:
                phrase, text = self.choose(own, ctx, numbered)
            else:  # the theme's few (a saying or two), or now and then a general one
                if theme is None:  # opening and closing: the brief's themes and the general alike
                    pool = candidates
                else:
                    pool = (general or own) if len(own) >= _OWN_ENOUGH else own + general
                if not pool:
                    return None
                phrase, text = self.choose(pool, ctx, numbered)
                if phrase is not None and not phrase.themes and section is not None and "section" in ctx:
                    self.general_taken[(section, function)] = self.general_taken.get((section, function), 0) + 1
            if phrase is None:
                return None
        if pinned is not None:
            text = render_text(phrase.text, ctx, f"句子 {phrase.id} ", self.bank.places.get(phrase.id, ()))
        self.used.add(phrase.id)
        if phrase.idea:
            self.used_ideas.add(phrase.idea)
        self.say(text)
        # the 指示 or 批示 studied, quoted: “这一重要指示” points to the words just quoted
        self.notice(text, quoted="instruction" in (phrase.slots or ())
                    and self.topic.ref in QUOTED_REFS)
        opens = [s.lstrip("“”")[:1] for s in _SENTENCE.findall(text)]
        self.openings += [""] + opens[1:] if numbered else opens
        frame = _frame(phrase.text)
        self.frames[frame] = self.frames.get(frame, 0) + 1
        return Segment(text, "phrase", (phrase.id,), slot)

    def notice(self, text: str, quoted: bool = False) -> None:
        """Note whether ``text``, now in the draft, names what was studied (or quotes it)."""
        self.named = self.named or quoted or bool(self.topic.noun) and self.topic.noun in text

    def say(self, text: str) -> None:
        """Remember what the draft says, to say nothing twice."""
        grams = bigrams(text)
        for g in grams:
            self.said_index.setdefault(g, []).append(len(self.said))
        self.said.append((text, grams))

    def says_already(self, text: str) -> bool:
        grams = bigrams(text)
        shared: dict[int, int] = {}
        for g in grams:
            for i in self.said_index.get(g, ()):
                shared[i] = shared.get(i, 0) + 1
        measure = _measure(self.bank)
        return any(n >= 4 and measure.same(text, self.said[i][0], grams, self.said[i][1]) for i, n in shared.items())

    def choose(self, pool: list[Phrase], ctx: dict[str, Any], numbered: bool = False) -> tuple[Phrase | None, str]:
        """One phrase of ``pool`` at random that says nothing the draft has said (in the
        brief's words or the bank's: :mod:`fayan.similar`); among them, one whose frame (its
        first words: 我们要深刻把握其中蕴含的……) the draft has not used yet, and at most twice;
        and, after three sentences opening alike or where those opening with 要 are already
        many, one that opens otherwise if any can (``numbered``: a list item, which opens with
        its number)."""
        worn = [] if numbered else self.worn_openings()
        # nor the first two characters of one of the last sentences (通过学习……通过这次学习……, 借这次……借这个……)
        starts = {x.lstrip("“”")[:2] for t, _ in self.said[-6:] for x in _SENTENCE.findall(t)} - {""}
        near = frozenset().union(*(runs(t, 4) for t, _ in self.said[-2:]))  # no echo (以实际行动……以实际行动……)
        preferences: list[Callable[[Phrase], bool]] = [
            *(lambda p, a=a: not p.text.lstrip("“”").startswith(a) for a in worn),
            lambda p: self.frames.get(_frame(p.text), 0) < _FRAME_MOST,
            lambda p: _frame(p.text) not in self.frames,
            lambda p: _start(p, ctx, self.bank) not in starts,
            lambda p: not runs(p.text, 4) & near,
        ]
        tiers = [list(pool)]  # each narrower than the one before, where any phrase is left
        for prefer in preferences:
            narrower = [p for p in tiers[-1] if prefer(p)]
            if narrower:
                tiers.append(narrower)
        for tier in reversed(tiers):  # the narrowest first; a wider one where all it has were said
            while tier:
                phrase = self.rng.choice(tier)
                text = render_text(phrase.text, ctx, f"句子 {phrase.id} ", self.bank.places.get(phrase.id, ())) if "{" in phrase.text else phrase.text
                if self.says_already(text):
                    tier.remove(phrase)
                    continue
                if worn and text.lstrip("“”").startswith(tuple(worn)):
                    joint = self.connector(ctx)  # none opens otherwise: 同时，要……
                    if not joint and self.would_run(text):
                        return None, ""  # a fifth sentence opening alike: better none
                    text = joint + text
                return phrase, text
        return None, ""

    def would_run(self, text: str) -> bool:
        """Whether ``text`` would be the fifth sentence in a row opening alike."""
        first = text.lstrip("“”")[:1]
        return len(self.openings) >= 4 and all(o == first for o in self.openings[-4:])

    def connector(self, ctx: dict[str, Any]) -> str:
        """A connector that opens a sentence otherwise (同时，此外，), the least used first;
        ``""`` once each has been said :data:`_CONNECTOR_MOST` times."""
        options = [p for p in self.index.get("connector", ()) if fits(p, self.skeleton.genre, None, set(), ctx)
                   and self.connectors.get(p.id, 0) < _CONNECTOR_MOST]
        if not options:
            return ""
        least = min(self.connectors.get(p.id, 0) for p in options)
        phrase = self.rng.choice([p for p in options if self.connectors.get(p.id, 0) == least])
        self.connectors[phrase.id] = self.connectors.get(phrase.id, 0) + 1
        return phrase.text

    def worn_openings(self) -> list[str]:
        """Openings to avoid next: that of the last three sentences if they share one, and 要
        while sentences opening with it are more than :data:`YAO_SHARE` of all so far."""
        o = self.openings
        out = [o[-1]] if len(o) >= 3 and o[-1] == o[-2] == o[-3] and o[-1] else []
        if len(o) >= 6 and sum(1 for x in o if x == "要") > len(o) * YAO_SHARE:
            out.append("要")
        return out

    def draw(self, set_id: str, theme: str | None, ctx: dict[str, Any], what: str,
             allowed: list[str] | None = None, avoid: frozenset[str] = frozenset()) -> tuple[Any, str, SetItem]:
        """An item of a parallel set; ``allowed``: the texts an item drawn before for the same
        heading goes with (抓责任 → 牢固基石、根本保证), where it names any; ``avoid``: words
        (bigrams) the heading has already, not to say twice (以更优作风 / 锤炼过硬作风)."""
        pset = self.bank.sets.get(set_id)
        if pset is None:
            raise DataError(Problem(f"{what} 用到的平行组“{set_id}”在句库中不存在。"))
        used = self.used_items.setdefault(set_id, set())
        avail = [i for i in range(len(pset.items)) if i not in used]
        if allowed:
            avail = [i for i in avail if pset.item(i).text in allowed] or avail
        if avoid:
            avail = [i for i in avail if not bigrams(self.item_text(pset.item(i), ctx)) & avoid] or avail
        if pset.series:  # items that read well together: one series a draft, while it lasts
            if set_id not in self.series:
                self.series[set_id] = pset.series_indices(self.rng.choice(pset.series))
            in_series = [i for i in self.series[set_id] if i not in used and i in avail]
            avail = in_series or avail
        kind = self.topic_kind
        avail = [i for i in avail if not (kind and pset.item(i).topic_kinds and kind not in pset.item(i).topic_kinds)
                 and (self.who is None or meets(pset.item(i).requires, self.who))]
        matching = [i for i in avail if theme and theme in pset.item(i).themes]
        general = [i for i in avail if not pset.item(i).themes]
        if theme and theme not in self.bank.themes:  # a theme the bank does not know: a heading that names it
            general = [i for i in general if "section.theme" in self.item_text_raw(pset.item(i))] or general
        pool = matching or general
        if not pool and avail and not pset.bound:
            pool = avail
        if not pool:
            where = self.brief.where("sections", self.section_index, "theme") if self.section_index is not None else ()
            name = ctx.get("section", {}).get("theme") or theme
            what = f"主题“{name}”" if name else "这一部分"
            raise ComposeError(Problem(
                f"平行组“{pset.name}”（{set_id}）没有适合{what}的项目了（已用完）："
                "请在提纲中为这一部分自拟小标题（标题: ……），或减少部分数。", *where))
        said = self.set_parts.setdefault(set_id, set())  # 科学内涵, 实践要求: a parallel heading's endings differ
        pool = [i for i in pool if not said & set(pset.item(i).parts.items())] or pool
        i = pool[0] if pset.ordered else self.rng.choice(pool)
        used.add(i)
        item = pset.item(i)
        said.update(item.parts.items())
        if item.text is not None:
            value: Any = render_text(item.text, ctx, f"平行组 {set_id} 的项目", self.bank.places.get(f"set:{set_id}", ()))
        else:
            value = {k: render_text(v, ctx, f"平行组 {set_id} 的项目", self.bank.places.get(f"set:{set_id}", ())) for k, v in item.parts.items()}
        return value, pset.item_id(i), item

    @staticmethod
    def item_text_raw(item: SetItem) -> str:
        """A set item's words with their slots unfilled."""
        return item.text if item.text is not None else "|".join(item.parts.values())

    @staticmethod
    def item_text(item: SetItem, ctx: dict[str, Any]) -> str:
        """A set item's words as the heading will say them (slots filled)."""
        words = _Run.item_text_raw(item)
        return render_text(words, ctx, "平行组的项目") if "{" in words else words

    # --- paragraphs --------------------------------------------------------------------------

    def paragraphs(self, specs: list[list[str]], scope: str, theme: str | None,
                   ctx: dict[str, Any], section: Section | None) -> list[Paragraph]:
        out: list[Paragraph] = []
        seen: dict[str, int] = {}
        measures_said = False
        for spec in specs:
            segs: list[Segment] = []
            for move in spec:
                function, mark, most, least = parse_move(move)
                if mark == "?" and function in self.dropped:
                    continue  # a short draft spends its length on what matters more
                if "|" in function:  # the first alternative the bank has a fitting phrase for
                    for k, alt in enumerate(function.split("|")):
                        seg = self.pick(alt, f"{scope}.{alt.rsplit('.', 1)[-1]}", theme, ctx,
                                        quiet=k < function.count("|"))
                        if seg is not None:
                            segs.append(seg)
                            break
                    else:
                        if mark != "?":
                            self.warnings.append(f"句库中没有可用的“{function}”句子，这一句空缺。")
                    continue
                if function in USER_MOVES:
                    got = self.user_move(function, section, scope, theme, ctx)
                    segs += got
                    for seg in got:  # what the user says here is what the next sentence follows
                        if seg.origin == "user":
                            self.say(seg.text)
                            self.notice(seg.text)
                            self.openings += [x.lstrip("“”")[:1] for x in _SENTENCE.findall(seg.text)]
                    measures_said = measures_said or (function == "user.measures" and bool(got))
                    continue
                if function == "section.close" and measures_said:
                    continue  # a part's summing-up never follows what it will do next
                if function in _AFTER_QUOTE and "quote" not in ctx:
                    continue  # it explains the 原话 just cited: none was
                if function == "quote" and "quote" in ctx:
                    continue  # the leader's own words open this part: no saying beside them
                short = function.rsplit(".", 1)[-1]
                unknown = theme is not None and theme not in self.bank.themes
                if mark == "#":
                    # one list a part, the user's first; none of general words on a theme the bank
                    # does not know (the user's own text carries such a part)
                    if not measures_said and "list" not in self.dropped and not unknown:
                        items = self.numbered_list(function, f"{scope}.list", theme, ctx, most or 3)
                        segs += items
                        measures_said = bool(items)
                    continue
                if mark == "*":
                    group = f"{scope}.{short}"
                    if group not in self.elastic:
                        self.elastic.append(group)
                    if least:  # a shorter speech lists fewer: five of six at 2,500 字, two at 1,000
                        least = max(2, min(least, round(least * self.target / FULL_LENGTH)))
                        self.least[group] = least
                    if unknown:  # general sentences only: a few, not a part's worth of them
                        most = min(most or _UNKNOWN_MOST, _UNKNOWN_MOST)
                    got = 0
                    want = max(self.counts.get(group, 1), least)
                    if most is not None and want >= most:
                        want = most
                        self.saturated.add(group)  # at its most: it cannot grow
                    for k in range(want):
                        seg = self.pick(function, f"{group}.{k + 1}", theme, ctx, accept=self.after(segs))
                        if seg is None:
                            self.saturated.add(group)
                            break
                        segs.append(seg)
                        got += 1
                    self.got[group] = got
                    continue
                seen[short] = seen.get(short, 0) + 1
                slot = f"{scope}.{short}" + (f".{seen[short]}" if seen[short] > 1 else "")
                seg = self.pick(function, slot, theme, ctx, accept=self.after(segs))
                if seg is not None:
                    segs.append(seg)
                elif mark != "?":
                    self.warnings.append(f"句库中没有可用的“{function}”句子（位置 {slot}），这一句空缺。")
            if out and segs and all(s.origin == "user" for s in segs) and "user.examples" in spec:
                out[-1].segments += segs  # the user's example alone, with no bridge: it ends the paragraph before
                continue
            out += _split(segs, self.skeleton.paragraph_max)
        return out

    def after(self, segs: list[Segment]) -> Callable[[Phrase], bool] | None:
        """What may follow the segments so far: after a saying (古人讲，“……”), no sentence
        that opens with 这 or 此, which would read as calling the saying the leader's
        requirement (“这既是上级的明确要求……”)."""
        last = segs[-1] if segs else None
        if last is not None and last.origin == "phrase" and self.bank.phrases[last.ids[0]].function == "quote":
            return lambda p: not p.text.startswith(("这", "此"))
        return None

    def numbered_list(self, function: str, slot: str, theme: str | None, ctx: dict[str, Any],
                      n: int) -> list[Segment]:
        """``n`` phrases that tell what to do (要……), numbered in the template's series:
        一是要……。二是要……。 (一要……。二要…… where the series is 一要). None where the speaker
        does not direct; one, unnumbered, where the bank has only one such phrase left."""
        series = self.skeleton.series
        lead = marker(series, 1)[1:]  # 是 or 要
        chosen: list[Segment] = []
        first = len(self.openings)
        for k in range(n):
            seg = self.pick(function, f"{slot}.{k + 1}", theme, ctx, quiet=True, numbered=True,
                            accept=lambda p: p.text.startswith("要") and p.the_voice == "directive")
            if seg is None:
                break
            chosen.append(seg)
        if len(chosen) < 2:  # one is no list: it is said as it is, opening with 要
            self.openings[first:first + 1] = ["要"] if chosen else []
            return chosen
        out: list[Segment] = []
        joint = self.pick("section.list", f"{slot}.lead", theme, ctx, quiet=True)  # 为此，一是要……
        if joint is not None:
            out.append(joint)
        for k, seg in enumerate(chosen, 1):
            text = seg.text[1:] if lead == "要" else seg.text
            out += [Segment(marker(series, k), "frame"), Segment(text, seg.origin, seg.ids, seg.slot)]
        return out

    def user_move(self, move: str, section: Section | StudyPoint | None, scope: str, theme: str | None,
                  ctx: dict[str, Any]) -> list[Segment]:
        if move == "user.quote":  # the 原话 given to this place, cited by a bank phrase
            if "quote" not in ctx:
                return []
            seg = self.pick("cite", f"{scope}.cite", theme, ctx)
            if seg is None:
                return []
            return [seg]
        if move == "user.explain":
            return [Segment(end_sentence(e), "user") for e in getattr(section, "explain", []) if e.strip()]
        if not isinstance(section, Section):
            return []
        if move == "user.points":
            return [Segment(end_sentence(p), "user") for p in section.points if p.strip()]
        if move == "user.examples":
            items = [end_sentence(e) for e in section.examples if e.strip()]
            if not items:
                return []
            segs = []
            # an example that opens with its own adverbial (去年以来，驻村这一年，在……中，) or 比如
            # needs no lead-in; one that names its own subject (我们、镇里) takes none that names one
            if not _ADVERBIAL.match(items[0]) and not items[0].startswith(_OWN_OPENING):
                names = _SUBJECT.match(items[0]) is not None
                lead = self.pick("section.example", f"{scope}.example", theme, ctx,
                                 accept=lambda p: not (names and _NAMES_SUBJECT.search(p.text)))
                if lead is not None:
                    segs.append(lead)
            return segs + [Segment(e, "user") for e in items]
        # user.measures: an introducing phrase, then 一是……；二是……。
        items = [_clause(m) for m in section.measures if m.strip()]
        if not items:
            return []
        segs = []
        if len(items) == 1:  # one measure: a lead-in for one (下一步，我们将着力), none that says 以下几点
            lead = self.pick("section.measure", f"{scope}.measure", theme, ctx)
            return ([lead] if lead is not None else []) + [Segment(items[0] + "。", "user")]
        lead = self.pick("section.measures", f"{scope}.measures", theme, ctx)
        if lead is not None:
            segs.append(lead)
        for n, item in enumerate(items, 1):
            segs.append(Segment(marker(self.skeleton.series, n), "frame"))
            segs.append(Segment(item + ("。" if n == len(items) else "；"), "user"))
        return segs

    # --- parts -------------------------------------------------------------------------------

    def parts(self, specs: list[PartSpec], level: int, ctx: dict[str, Any], prefix: str) -> list[Part]:
        out: list[Part] = []
        quotes = self.quotes or Quotes()
        for n, spec in enumerate(specs, 1):
            if spec.each == "section":
                for i, section in enumerate(self.brief.sections):
                    theme = self.themes[i]
                    sctx = section_context(ctx, theme, i, quotes.sections[i] if i < len(quotes.sections) else None)
                    self.section_index = i
                    out.append(self.part(spec, level, len(out) + 1, sctx, f"sections.{i + 1}", theme, section))
                    self.section_index = None
            elif spec.each == "study":
                for i, point in enumerate(self.brief.study):
                    pctx = _with_quote(dict(ctx, study={"point": point.point.strip().rstrip("。"), "index": i + 1}),
                                       quotes.study[i] if i < len(quotes.study) else None)
                    out.append(self.part(spec, level, len(out) + 1, pctx, f"study.{i + 1}", None, point))
            else:
                out.append(self.part(spec, level, len(out) + 1, ctx, f"{prefix}parts.{n}", None, None))
        if level > 1 and len(out) == 1:  # a （一） with no （二）: one item is not numbered
            out[0].marker = ""
        return out

    def part(self, spec: PartSpec, level: int, number: int, ctx: dict[str, Any], scope: str,
             theme: str | None, section: Section | StudyPoint | None) -> Part:
        styles = self.skeleton.numbering
        style = styles[min(level, len(styles)) - 1]
        heading = self.heading(spec, scope, theme, ctx, section)
        body = self.paragraphs(spec.body, scope, theme, ctx, section)
        children = self.parts(spec.children, level + 1, ctx, scope + ".")
        return Part(level, marker(style, number), heading, spec.inline, body, children)

    def heading(self, spec: PartSpec, scope: str, theme: str | None, ctx: dict[str, Any],
                section: Section | StudyPoint | None) -> Paragraph | None:
        slot = f"{scope}.heading"
        if isinstance(section, StudyPoint):
            segs = [Segment(section.point.strip().rstrip("。"), "user", slot=slot)]
        elif section is not None and section.heading:
            segs = [Segment(section.heading.strip(), "user", slot=slot)]
        elif spec.heading is None:
            return None
        else:
            hctx = dict(ctx)
            ids: list[str] = []
            drawn: list[SetItem] = []
            words: frozenset[str] = frozenset()
            # the sets bound to the section's theme first: they carry its meaning, the others fit it
            order = sorted(spec.heading.sets.items(),
                           key=lambda kv: not (self.bank.sets.get(kv[1]) and self.bank.sets[kv[1]].bound))
            for name, set_id in order:
                allowed = [t for d in drawn for t in d.goes_with.get(set_id, ())]
                hctx[name], item_id, item = self.draw(set_id, theme, ctx, f"模板 {self.skeleton.id} 的标题",
                                                      allowed, words)
                words |= bigrams(self.item_text(item, ctx))
                drawn.append(item)
                ids.append(item_id)
            text = render_text(spec.heading.frame, hctx, f"模板 {self.skeleton.id} 的标题框架",
                               self.skeleton.place_of(spec.heading.frame))
            segs = [Segment(text, "set" if ids else "frame", tuple(ids), slot)]
        if spec.inline and segs[-1].text[-1:] not in "。！？":  # “……“修行者”。” as in the corpus
            segs.append(Segment("。", "frame"))
        self.notice("".join(seg.text for seg in segs))
        return Paragraph(segs)

    # --- the whole document ------------------------------------------------------------------

    def document(self) -> Document:
        b, sk = self.brief, self.skeleton
        quotes = self.quotes or Quotes()
        ctx = base_context(b, sk, _quote_text(quotes.opening) if quotes.opening else None)
        opening = _quote_ctx(quotes.opening) if quotes.opening is not None else {}
        if "quote_source" in opening:
            ctx["instruction_source"] = opening["quote_source"]
        ctx.update(essence=_ESSENCE.get(self.topic_kind or "", "精髓要义"))
        subtitle = b.subtitle
        if subtitle is None and sk.subtitle and all(_resolve(ctx, s) is not None for s in slots_of(sk.subtitle)):
            subtitle = render_text(sk.subtitle, ctx, f"模板 {sk.id} 的副标题", sk.place_of(sk.subtitle))
        byline = None
        if sk.byline and b.speaker:
            left = (b.speaker.unit or "") + (b.speaker.post or "")
            byline = "\u3000".join(x for x in (left, b.speaker.name or "") if x) or None
        greet = b.salutation if b.salutation is not None else sk.salutation
        return Document(
            title=b.title,
            subtitle=subtitle,
            byline=byline,
            salutation=SALUTATION if greet else None,
            opening=self.paragraphs(sk.opening, "opening", None, ctx, None),
            parts=self.parts(sk.parts, 1, ctx, ""),
            closing=self.paragraphs(sk.closing, "closing", None, ctx, None),
            author=b.speaker.unit if b.speaker else None,
        )


_ESSENCE = {"思想": "核心要义", "重要讲话": "精神实质", "会议精神": "精神实质", "党内法规": "精神实质",
            "学习教育": "目标要求", "工作部署": "目标任务"}
"""What one grasps of each kind of text (深刻把握……的核心要义 / 精神实质 / 目标要求)."""


@dataclass
class Quotes:
    """Where each 原话 of the brief is quoted: at most once each, never invented."""

    opening: Quote | None = None
    study: list[Quote | None] = field(default_factory=list)
    sections: list[Quote | None] = field(default_factory=list)
    unused: list[Quote] = field(default_factory=list)


def _quote_text(quote: Quote) -> str:
    return quote.text.strip().strip("“”\"").rstrip("。")


def _quote_ctx(quote: Quote) -> dict[str, str]:
    """``quote`` and, where the brief gives it, ``quote_source`` (在……中强调)."""
    ctx = {"quote": _quote_text(quote)}
    source = (quote.source or "").strip().rstrip("。")
    if source:
        ctx["quote_source"] = source.removeprefix("在").removesuffix("中").removesuffix("时")
    return ctx


_GENERIC_BIGRAMS = {"建设", "工作", "发展", "管理", "服务", "推动", "推进", "加强"}


def _fit(quote: Quote, names: list[str]) -> int:
    """How well a 原话 fits a section: the two-character words of its theme found in it."""
    text = quote.text
    grams = {n[i:i + 2] for n in names for i in range(len(n) - 1)} - _GENERIC_BIGRAMS
    return sum(1 for g in grams if g in text)


def brief_quotes(brief: Brief) -> list[Quote]:
    """The brief's 原话 as quotes, also where a Python caller set ``instruction`` to one string
    (or to None) after loading."""
    given = brief.instruction
    if not given:
        return []
    if isinstance(given, str):
        return [Quote(text=given)]
    return [q if isinstance(q, Quote) else Quote(text=str(q)) for q in given]


def allocate_quotes(brief: Brief, skeleton: Skeleton, bank: PhraseBank) -> Quotes:
    """Study points take their own 原话, or the brief's 原话 in order; the first 原话 left opens
    the speech; each one left goes to the section it fits best (by the words of its theme);
    what fits nowhere is reported, not forced."""
    out = Quotes()
    pool = brief_quotes(brief)
    if brief.study and skeleton.has_each("study"):
        for point in brief.study:
            if point.quote:
                out.study.append(Quote(text=point.quote, source=point.source))
            else:
                out.study.append(pool.pop(0) if pool else None)
    if pool:
        out.opening = pool.pop(0)
    out.sections = [None] * len(brief.sections)
    if pool and skeleton.section_cites:
        names = []
        for section in brief.sections:
            canon = bank.theme_name(section.theme)
            theme = bank.themes.get(canon) if canon else None
            words = [section.theme] + (section.heading and [section.heading] or [])
            if theme is not None:
                words += [theme.name, *theme.aliases, *theme.keywords]
            names.append(words)
        for quote in pool:
            free = [i for i, q in enumerate(out.sections) if q is None]
            best = max(free, key=lambda i: (_fit(quote, names[i]), -i), default=None)
            if best is not None and _fit(quote, names[best]) > 0:
                out.sections[best] = quote
            else:
                out.unused.append(quote)
    else:
        out.unused += pool
    return out


_ADVERBIAL = re.compile(r"^[^，。：；]{0,24}?(?:以来|期间|之际|以后|之后|之前|时|中|上|里|下|年多?|月|来)，")
"""An example's opening adverbial of time or occasion (去年以来，驻村这一年，在……中，)."""
_SUBJECT = re.compile(r"^[^，。]{0,6}?(?:我们|我|咱们|本单位|镇里|县里|村里|街道|社区|全镇|全县|全市|全区|我局|我委|我部|公司)")
_NAMES_SUBJECT = re.compile(r"我们|我|单位|本地|看|为例|而言")
"""Lead-ins an example that names its own subject (今年我们……, 镇里……) cannot take: one naming
a subject too, or a point of view (从基层的实践来看，) the example's subject may not share."""
_OWN_OPENING = ("比如", "例如", "如", "以", "今年", "去年", "近年", "近几年", "前不久", "上半年", "下半年", "当年")
"""An example that opens with these (比如…… or a time) introduces itself."""


_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
_FRAME_MOST = 1
"""A draft says one frame (the same first five characters: 我们要深刻把握其中蕴含的……) at most
this often while the bank has phrases that open otherwise."""


def said_twice(doc: Document) -> set[str]:
    """Ids of the bank phrases that say again what the draft has said before (the later of
    each pair; the bank's, where the user's words come second), as rule ``idea`` would judge
    the draft: weighed over the draft's own sentences."""
    text: list[str] = []  # the draft as rule idea reads it, a block a line
    owners: list[str | None] = []  # the phrase behind each character, if any
    for kind, item in doc.blocks():
        if kind == "run-in":
            part, first = item
            segments = [Segment(part.marker + part.heading_text), *(first.segments if first else ())]
        elif isinstance(item, Paragraph):
            segments = item.segments
        else:
            segments = [Segment(block_text(kind, item))]
        for seg in [*segments, Segment("\n")]:
            text.append(seg.text)
            owners += [seg.ids[0] if seg.origin == "phrase" else None] * len(seg.text)
    found = sentences("".join(text))
    out: set[str] = set()
    for i, j in same_pairs([s for _, s in found]):
        later, earlier = owners[found[j][0]], owners[found[i][0]]
        if later or earlier:
            out.add(later or earlier)  # type: ignore[arg-type]
    return out


def _start(phrase: Phrase, ctx: dict[str, Any], bank: PhraseBank | None = None) -> str:
    """A phrase's first two characters as said ({{ quote_ref }}…… → 这一……)."""
    text = phrase.text
    if text.startswith("{{"):
        try:
            text = sandbox.render(text.split("，", 1)[0], ctx)
        except sandbox.TemplateProblem:  # a clause that is no text of its own ({% if %} over a comma)
            text = render_text(text, ctx, f"句子 {phrase.id} ", bank.places.get(phrase.id, ()) if bank else ())
    return text.lstrip("“”")[:2]


def _frame(text: str) -> str:
    """A phrase's frame: its first five characters, quotation marks aside."""
    return text.lstrip("“”")[:5]


YAO_SHARE = 0.34
"""Above this share of sentences opening with 要, the composer draws others while it can (the
seeds: 7–34 %)."""


COMPOSE_MARGIN = 0.8
"""The composer judges sameness a fifth stricter than rule ``idea`` (its weights come from the
bank, the rule's from one speech), so that no draft it writes is reported."""


def _measure(bank: PhraseBank) -> Measure:
    """The bank's own measure of sameness (rarity weights over its phrases), once a process."""
    m = getattr(bank, "_measure", None)
    if m is None:
        m = Measure((p.text for p in bank.phrases.values()), margin=COMPOSE_MARGIN)
        bank._measure = m  # type: ignore[attr-defined]
    return m


def user_texts(brief: Brief) -> list[str]:
    """The brief's own words that a draft says: 原话, study points, points, examples, measures."""
    texts = [q.text for q in brief_quotes(brief)]
    texts += [t for p in brief.study for t in (p.point, p.quote or "", *p.explain)]
    texts += [t for s in brief.sections for t in (*s.points, *s.examples, *s.measures, s.heading or "")]
    return [t for t in texts if t.strip()]


_QUOTED = re.compile(r"“([^”]+)”")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_GRAM = 8  # characters: a run this long shared with the user's words is the same wording


def _grams(text: str) -> set[str]:
    plain = re.sub(r"\{\{.*?\}\}|[，。；：！？、“”（）《》\s]", "|", text)
    return {plain[i:i + _GRAM] for i in range(len(plain) - _GRAM + 1) if "|" not in plain[i:i + _GRAM]}


def restating(brief: Brief, bank: PhraseBank) -> frozenset[str]:
    """Ids of the phrases that say what the brief's own words (原话, study points, points,
    examples, measures) already say: they share a run of eight characters with them that is
    not the bank's common wording (a run found in five phrases or more, such as a long
    official name, is a formula, not an idea). A draft that used them would say it twice."""
    texts = user_texts(brief)
    said = "|".join("".join(_HAN_RUN.findall(t)) for t in texts)  # the user's words, punctuation aside
    quoted = frozenset(pid for pid, p in bank.phrases.items()  # a saying the user quotes: not again
                       if p.function == "quote" and any(q and q in said for q in ("".join(_HAN_RUN.findall(m))
                                                                                    for m in _QUOTED.findall(p.text))))
    user = set().union(*(_grams(t) for t in texts)) if texts else set()
    if not user:
        return quoted
    grams: dict[str, set[str]] = getattr(bank, "_grams", None) or {}
    if not grams:
        grams = {pid: _grams(p.text) for pid, p in bank.phrases.items()}
        bank._grams = grams  # type: ignore[attr-defined]  # the bank's own wording, once a process
    hits = {pid: g & user for pid, g in grams.items()}
    df: dict[str, int] = {}
    for shared in hits.values():
        for g in shared:
            df[g] = df.get(g, 0) + 1
    return frozenset(pid for pid, shared in hits.items()
                     if any(df[g] < 5 and not any(g in term for term in _TERMS) for g in shared)) | quoted


_TERMS = GUIDING_THOUGHTS + ("中国特色社会主义事业", "中国特色社会主义制度", "中华民族伟大复兴", "社会主义现代化国家",
                             "以习近平同志为核心的党中央", "坚持和加强党的全面领导", "党中央决策部署")
"""Official names: words a speech shares with a 原话 without saying the same thing."""


DROP_ORDER = ("opening.background", "quote", "list", "section.emphasis", "section.close", "reflection.resolve",
              "study.explain", "closing.formula")
"""Optional moves (``?``, and ``list`` for the bank's numbered lists ``#``) a draft too long
for its target leaves out, in this order: the background, the bank's sayings and lists and the
extra closings go before the measures and the user's own text, which are never left out."""


def _weight(group: str) -> int:
    """Opening and closing grow a third as fast as the body (and shrink first): a long
    speech has a somewhat longer opening, not an opening as long as a part."""
    return 3 if group.startswith(("opening.", "closing.")) else 1


def skeleton_problems(skeleton: Skeleton, bank: PhraseBank) -> list[Problem]:
    """What a skeleton asks of the bank that the bank does not declare: a move's function, a
    heading's parallel set; each at the place in the template file where it is written."""
    import difflib

    problems = []
    paragraphs = [*skeleton.opening, *skeleton.closing, *(p for part in walk_parts(skeleton.parts) for p in part.body)]
    places = skeleton.move_places() or [(m, (None, None, None)) for para in paragraphs for m in para]
    for move, where in places:
        for function in parse_move(move).function.split("|"):
            if function in USER_MOVES or function in bank.functions:
                continue
            close = difflib.get_close_matches(function, list(bank.functions), n=1)
            hint = f"是不是“{close[0]}”？" if close else "`fayan phrases` 可查句库中的功能。"
            problems.append(Problem(f"模板 {skeleton.id} 的写法“{move}”用到的功能“{function}”句库中没有，{hint}"
                                    "请改成句库中的功能名，或在自己的句库目录（--phrasebank）的 functions 中声明并加句子。",
                                    *where))
    for part in walk_parts(skeleton.parts):
        for name, set_id in (part.heading.sets.items() if part.heading else ()):
            if set_id not in bank.sets:
                problems.append(Problem(f"模板 {skeleton.id} 的标题框架用到的平行组“{set_id}”（{name}）句库中没有："
                                        "请改成句库中的平行组编号，或在自己的句库目录里加上这个平行组。",
                                        *skeleton.place_of(part.heading.frame)))
    return problems


def unwritable(brief: Brief) -> list[str]:
    """Warnings, each at its place in the brief, for values holding characters XML forbids
    (control characters, NUL, U+FFFE): a .docx cannot hold them, and the Word writer leaves
    them out."""
    out: list[str] = []
    stack: list[Any] = [brief._source]
    while stack:
        node = stack.pop(0)
        items = (list(node.items()) if isinstance(node, PosDict) else list(enumerate(node))
                 if isinstance(node, PosList) else [])
        for k, value in items:
            if isinstance(value, (PosDict, PosList)):
                stack.append(value)
            elif isinstance(value, str) and (m := NOT_XML.search(value)):
                mark = node.value_marks.get(k) if isinstance(node, PosDict) else node.marks[k]
                out.append(str(Problem(f"这里有 Word 文档不能存的控制字符（U+{ord(m.group()):04X}），写成 .docx 时会去掉："
                                       "请在提纲里删去它。", brief._file, mark.line if mark else None,
                                       mark.column if mark else None)))
    return out


def compose(brief: Brief, skeleton: Skeleton, bank: PhraseBank, *, seed: int | None = None,
            length: int | None = None) -> Document:
    """Compose a draft. ``seed`` and ``length`` override the brief's; where neither gives one,
    the seed is 1 and the length the skeleton's default."""
    problems = skeleton_problems(skeleton, bank)
    if problems:
        raise ComposeError(problems)
    seed = seed if seed is not None else (brief.seed if brief.seed is not None else 1)
    target = length or brief.length or skeleton.length
    warnings: list[str] = unwritable(brief)
    themes = section_themes(brief, bank)
    for i, section in enumerate(brief.sections):
        if themes[i] not in bank.themes:
            guess = bank.suggest_theme(section.theme)
            hint = (f"意思相近的主题是“{guess}”，要用它的句子请改写为“{guess}”。" if guess
                    else f"句库中的主题：{'、'.join(bank.themes)}。")
            file, line, col = brief.where("sections", i, "theme")
            warnings.append(str(Problem(f"句库中没有主题“{section.theme}”，这一部分只用通用句子和提纲里写的内容。{hint}",
                                        file, line, col)))
    who = speaker_profile(brief)
    info = brief_topic(brief)
    quotes = allocate_quotes(brief, skeleton, bank)
    restated = restating(brief, bank)
    given = brief_quotes(brief)
    for quote in quotes.unused:
        where = brief.where("instruction", given.index(quote)) if isinstance(brief.instruction, list) else ()
        warnings.append(str(Problem(f"原话“{quote.text[:20]}……”在这个模板里没有合适的位置，没有用上："
                                    "可以写进相关部分的“观点”，或作为“学习要点”的原话。", *where)))
    if brief.study and not skeleton.has_each("study"):
        warnings.append(str(Problem(f"模板“{skeleton.name}”没有逐条阐释学习要点的部分，“学习要点”没有用上："
                                    "研讨发言（yantao-fayan）和党课讲稿（dangke-jianggao）会用。", *brief.where("study", key=True))))
    low, high = skeleton.sections
    if not low <= len(brief.sections) <= high:
        warnings.append(f"模板“{skeleton.name}”一般写 {low} 到 {high} 个部分，提纲有 {len(brief.sections)} 个。")

    index: dict[str, list[Phrase]] = {}
    for p in bank.phrases.values():
        index.setdefault(p.function, []).append(p)

    fitting: dict[tuple[str, str | None, bool], list[Phrase]] = {}
    counts: dict[str, int] = {}
    floor: dict[str, int] = {}  # pinned elastic slots keep at least that many phrases
    for slot in brief.pins:
        group, _, k = slot.rpartition(".")
        if k.isdigit():
            floor[group] = max(floor.get(group, 0), int(k))
            counts[group] = max(counts.get(group, 1), int(k))

    dropped: list[str] = []

    def run() -> tuple[Document, _Run]:
        r = _Run(brief, skeleton, bank, seed, dict(counts), index, themes, fitting,
                 who=who, topic_kind=info.kind, quotes=quotes, restated=restated, dropped=frozenset(dropped),
                 target=target)
        d = r.document()
        for g, n in r.least.items():  # a move's least (*5-6): it never shrinks below
            floor[g] = max(floor.get(g, 0), n)
            counts[g] = max(counts.get(g, 1), n)
        return d, r

    doc, state = run()
    chars = doc.chars()
    if chars < target * 0.9 and state.elastic:
        # jump most of the way at once: the deficit over the mean length of a generated
        # sentence, shared round-robin; single steps below then settle on the target
        lengths = [len(t["text"]) for t in doc.trace() if t["origin"] == "phrase"]
        mean = sum(lengths) / len(lengths) if lengths else 60
        extra = int((target - chars) / mean * 0.9)
        groups = state.elastic
        body = [g for g in groups if _weight(g) == 1] or groups
        for i in range(extra):
            g = body[i % len(body)]
            counts[g] = counts.get(g, 1) + 1
        doc, state = run()
        chars = doc.chars()
    # groups that cannot grow: the bank has no more for them (exhausted), or more for them
    # would take phrases another group is using (frozen); both are remembered across runs
    frozen: set[str] = set()
    for _ in range(400):  # bounded: each step changes one count by one, and stops at the target
        groups = state.elastic
        for g in state.saturated:  # asking a starved group for more would starve the others
            counts[g] = state.got.get(g, 0)
            frozen.add(g)
        growing = chars < target
        if growing:
            candidates = [g for g in groups if g not in frozen]
            if not candidates:
                break
            g = min(candidates, key=lambda g: (_weight(g) * counts.get(g, 1), groups.index(g)))
            counts[g] = counts.get(g, 1) + 1
        else:
            candidates = [g for g in groups if counts.get(g, 1) > floor.get(g, 0)]
            if not candidates:
                # every elastic move at its least and still too long: leave out optional moves,
                # the least needed first, while the draft stays over the target
                if chars <= target * 1.1 or len(dropped) == len(DROP_ORDER):
                    break
                dropped.append(DROP_ORDER[len(dropped)])
                doc, state = run()
                chars = doc.chars()
                continue
            g = max(candidates, key=lambda g: (_weight(g) * counts.get(g, 1), groups.index(g)))
            counts[g] = counts.get(g, 1) - 1
        new_doc, new_state = run()
        if growing and any(new_state.got.get(o, 0) < n for o, n in state.got.items() if o != g):
            counts[g] -= 1
            frozen.add(g)
            continue
        new_chars = new_doc.chars()
        if (chars < target) != (new_chars < target):  # crossed the target: keep the closer
            if abs(new_chars - target) < abs(chars - target):
                doc, state, chars = new_doc, new_state, new_chars
            break
        doc, state, chars = new_doc, new_state, new_chars

    for _ in range(3):  # say nothing twice: re-roll the bank's sentence that repeats another
        twice = said_twice(doc) - set(brief.pins.values())
        if not twice:
            break
        restated = restated | twice
        doc, state = run()

    unknown_pins = [s for s in brief.pins if s not in state.visited]
    if unknown_pins:
        problems = []
        for slot in unknown_pins:
            problems.append(Problem(
                f"这份稿子里没有位置“{slot}”。位置名见 `fayan draft --format json` 输出的 trace，如 opening.turn、sections.1.lead。",
                *brief.where("pins", slot, key=True)))
        raise ComposeError(problems)

    if chars < target * 0.9:
        warnings.append(f"句库中适合这份提纲的句子不够，正文只有 {chars} 字，比目标 {target} 字少："
                        "可在提纲各部分多写观点、事例和举措，或用 --phrasebank 加入自己的句子。")
    doc.meta = {
        "fayan": __version__,
        "template": skeleton.id,
        "seed": seed,
        "target": target,
        "speaker": {"rank": who.rank, "units": sorted(who.units), "powers": [p for p in POWERS if p in who.powers],
                    "young": who.young},
        "topic_kind": info.kind,
        "warnings": warnings + state.warnings,
    }
    return doc
