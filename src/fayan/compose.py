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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from . import __version__
from .brief import Brief, Quote, Section, StudyPoint
from .document import Document, Paragraph, Part, Segment, marker
from .errors import ComposeError, DataError, Problem
from .phrasebank import Phrase, PhraseBank, Requires, slots_of
from .skeleton import USER_MOVES, PartSpec, Skeleton, parse_move
from .speaker import POWERS, Profile, profile, unit_kinds
from .topic import GUIDING_THOUGHTS, TopicInfo, topic_info

_ENV = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)
_ENDS = "。！？…”"
SALUTATION = "同志们："
_AFTER_QUOTE = ("study.explain",)
"""Functions whose phrases explain the 原话 just cited (这一重要论断……): used only after one."""


@lru_cache(maxsize=4096)
def _template(text: str) -> jinja2.Template:
    return _ENV.from_string(text)


def render_text(text: str, ctx: dict[str, Any], what: str) -> str:
    """Render phrase or frame ``text`` in the sandbox; ``what`` names it in an error."""
    try:
        return _template(text).render(ctx)
    except jinja2.TemplateError as exc:
        raise DataError(Problem(f"{what} 无法生成：{exc}。请检查其中的 {{{{ … }}}} 槽位名。")) from None


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
    """A paragraph of more than ``most`` generated sentences becomes several, as a writer
    would break it; a user's text and the phrase that introduces it stay together."""
    if not segs:
        return []
    out: list[list[Segment]] = [[]]
    count = 0
    for i, seg in enumerate(segs):
        follows_lead = i > 0 and segs[i - 1].origin == "phrase" and segs[i - 1].text.endswith(("，", "："))
        if seg.origin == "phrase" and count >= most and not follows_lead:
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
        quote_ref=(info.ref if info.ref in ("这一重要指示", "这一重要批示") else "这一重要论述") if opening_quote else None,
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

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.used = set(self.brief.pins.values())
        self.brief_themes = {t for t in self.themes if t in self.bank.themes}
        for pid in self.used:
            phrase = self.bank.phrases.get(pid)
            if phrase is not None and phrase.idea:
                self.used_ideas.add(phrase.idea)

    # --- picking ---------------------------------------------------------------------------

    def pick(self, function: str, slot: str, theme: str | None, ctx: dict[str, Any],
             quiet: bool = False) -> Segment | None:
        """A phrase of ``function`` for ``slot``; ``quiet``: an alternative that may find none
        (a pin on its slot is still honoured)."""
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
                          and p.id not in self.restated]
            if not candidates:
                return None
            # a section's own theme first: general phrases are shared by every section, and a
            # section takes no more than its share of them, so that a later one (on a theme the
            # bank does not know, say) is not left with none
            own = [p for p in candidates if p.themes]
            section = slot.split(".")[1] if slot.startswith("sections.") else None
            if theme is not None and own:
                phrase = self.rng.choice(own)
            else:
                if section is not None and "section" in ctx:
                    share = -(-sum(1 for p in self.fitting[key] if not p.themes) // max(1, len(self.brief.sections)))
                    took = self.general_taken.get((section, function), 0)
                    if took >= share and len(self.brief.sections) > 1:
                        return None
                    self.general_taken[(section, function)] = took + 1
                phrase = self.rng.choice(candidates)
        self.used.add(phrase.id)
        if phrase.idea:
            self.used_ideas.add(phrase.idea)
        text = render_text(phrase.text, ctx, f"句子 {phrase.id}")
        return Segment(text, "phrase", (phrase.id,), slot)

    def draw(self, set_id: str, theme: str | None, ctx: dict[str, Any], what: str) -> tuple[Any, str]:
        pset = self.bank.sets.get(set_id)
        if pset is None:
            raise DataError(Problem(f"{what} 用到的平行组“{set_id}”在句库中不存在。"))
        used = self.used_items.setdefault(set_id, set())
        avail = [i for i in range(len(pset.items)) if i not in used]
        if pset.series:  # items that read well together: one series a draft, while it lasts
            if set_id not in self.series:
                self.series[set_id] = pset.series_indices(self.rng.choice(pset.series))
            in_series = [i for i in self.series[set_id] if i not in used]
            avail = in_series or avail
        kind = self.topic_kind
        avail = [i for i in avail if not (kind and pset.item(i).topic_kinds and kind not in pset.item(i).topic_kinds)
                 and (self.who is None or meets(pset.item(i).requires, self.who))]
        matching = [i for i in avail if theme and theme in pset.item(i).themes]
        general = [i for i in avail if not pset.item(i).themes]
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
        i = pool[0] if pset.ordered else self.rng.choice(pool)
        used.add(i)
        item = pset.item(i)
        if item.text is not None:
            value: Any = render_text(item.text, ctx, f"平行组 {set_id} 的项目")
        else:
            value = {k: render_text(v, ctx, f"平行组 {set_id} 的项目") for k, v in item.parts.items()}
        return value, pset.item_id(i)

    # --- paragraphs --------------------------------------------------------------------------

    def paragraphs(self, specs: list[list[str]], scope: str, theme: str | None,
                   ctx: dict[str, Any], section: Section | None) -> list[Paragraph]:
        out = []
        seen: dict[str, int] = {}
        for spec in specs:
            segs: list[Segment] = []
            for move in spec:
                function, mark, cap = parse_move(move)
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
                    segs += self.user_move(function, section, scope, theme, ctx)
                    continue
                if function in _AFTER_QUOTE and "quote" not in ctx:
                    continue  # it explains the 原话 just cited: none was
                if function == "quote" and "quote" in ctx:
                    continue  # the leader's own words open this part: no saying beside them
                short = function.rsplit(".", 1)[-1]
                if mark == "*":
                    group = f"{scope}.{short}"
                    if group not in self.elastic:
                        self.elastic.append(group)
                    got = 0
                    want = self.counts.get(group, 1)
                    if cap is not None and want >= cap:
                        want = cap
                        self.saturated.add(group)  # at its most: it cannot grow
                    for k in range(want):
                        seg = self.pick(function, f"{group}.{k + 1}", theme, ctx)
                        if seg is None:
                            self.saturated.add(group)
                            break
                        segs.append(seg)
                        got += 1
                    self.got[group] = got
                    continue
                seen[short] = seen.get(short, 0) + 1
                slot = f"{scope}.{short}" + (f".{seen[short]}" if seen[short] > 1 else "")
                seg = self.pick(function, slot, theme, ctx)
                if seg is not None:
                    segs.append(seg)
                elif mark != "?":
                    self.warnings.append(f"句库中没有可用的“{function}”句子（位置 {slot}），这一句空缺。")
            out += _split(segs, self.skeleton.paragraph_max)
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
            first_clause = re.split(r"[，。：；]", items[0], maxsplit=1)[0]
            # an example that opens with its own adverbial (驻村这一年，) or 比如 needs no lead-in
            if len(first_clause) > 6 and not items[0].startswith(("比如", "例如", "如", "以", "近年来", "今年", "去年")):
                lead = self.pick("section.example", f"{scope}.example", theme, ctx)
                if lead is not None:
                    segs.append(lead)
            return segs + [Segment(e, "user") for e in items]
        # user.measures: an introducing phrase, then 一是……；二是……。
        items = [_clause(m) for m in section.measures if m.strip()]
        if not items:
            return []
        segs = []
        lead = self.pick("section.measures", f"{scope}.measures", theme, ctx)
        if lead is not None:
            segs.append(lead)
        if len(items) == 1:
            return segs + [Segment(items[0] + "。", "user")]
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
            for name, set_id in spec.heading.sets.items():
                hctx[name], item_id = self.draw(set_id, theme, ctx, f"模板 {self.skeleton.id} 的标题")
                ids.append(item_id)
            text = render_text(spec.heading.frame, hctx, f"模板 {self.skeleton.id} 的标题框架")
            segs = [Segment(text, "set" if ids else "frame", tuple(ids), slot)]
        if spec.inline and segs[-1].text[-1:] not in "。！？":  # “……“修行者”。” as in the corpus
            segs.append(Segment("。", "frame"))
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
            subtitle = render_text(sk.subtitle, ctx, f"模板 {sk.id} 的副标题")
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


_GRAM = 8  # characters: a run this long shared with the user's words is the same wording


def _grams(text: str) -> set[str]:
    plain = re.sub(r"\{\{.*?\}\}|[，。；：！？、“”（）《》\s]", "|", text)
    return {plain[i:i + _GRAM] for i in range(len(plain) - _GRAM + 1) if "|" not in plain[i:i + _GRAM]}


def restating(brief: Brief, bank: PhraseBank) -> frozenset[str]:
    """Ids of the phrases that say what the brief's own words (原话, study points, points,
    examples, measures) already say: they share a run of eight characters with them that is
    not the bank's common wording (a run found in five phrases or more, such as a long
    official name, is a formula, not an idea). A draft that used them would say it twice."""
    texts = [q.text for q in brief_quotes(brief)]
    texts += [t for p in brief.study for t in (p.point, p.quote or "", *p.explain)]
    texts += [t for s in brief.sections for t in (*s.points, *s.examples, *s.measures, s.heading or "")]
    user = set().union(*(_grams(t) for t in texts)) if texts else set()
    if not user:
        return frozenset()
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
                     if any(df[g] < 5 and not any(g in term for term in _TERMS) for g in shared))


_TERMS = GUIDING_THOUGHTS + ("中国特色社会主义事业", "中国特色社会主义制度", "中华民族伟大复兴", "社会主义现代化国家",
                             "以习近平同志为核心的党中央", "坚持和加强党的全面领导", "党中央决策部署")
"""Official names: words a speech shares with a 原话 without saying the same thing."""


def _weight(group: str) -> int:
    """Opening and closing grow a third as fast as the body (and shrink first): a long
    speech has a somewhat longer opening, not an opening as long as a part."""
    return 3 if group.startswith(("opening.", "closing.")) else 1


def compose(brief: Brief, skeleton: Skeleton, bank: PhraseBank, *, seed: int | None = None,
            length: int | None = None) -> Document:
    """Compose a draft. ``seed`` and ``length`` override the brief's; where neither gives one,
    the seed is 1 and the length the skeleton's default."""
    seed = seed if seed is not None else (brief.seed if brief.seed is not None else 1)
    target = length or brief.length or skeleton.length
    warnings: list[str] = []
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

    def run() -> tuple[Document, _Run]:
        r = _Run(brief, skeleton, bank, seed, dict(counts), index, themes, fitting,
                 who=who, topic_kind=info.kind, quotes=quotes, restated=restated)
        return r.document(), r

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
                break
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
