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
from .brief import Brief, Section
from .document import Document, Paragraph, Part, Segment, marker
from .errors import ComposeError, DataError, Problem
from .phrasebank import Phrase, PhraseBank, slots_of
from .skeleton import USER_MOVES, PartSpec, Skeleton, parse_move

_ENV = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)
_ENDS = "。！？…”"
SALUTATION = "同志们："


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


def base_context(brief: Brief, skeleton: Skeleton) -> dict[str, Any]:
    """The names phrases and frames may use: the brief's fields and the template's variables.
    Empty fields are left out, so that a phrase using one fails loudly instead of saying None."""
    given = brief.speaker.model_dump() if brief.speaker else {}
    speaker = {k: v for k, v in given.items() if v not in (None, "")}
    ctx: dict[str, Any] = dict(skeleton.vars)
    ctx.update(brief.vars)
    ctx.update(
        title=brief.title, topic=brief.topic, occasion=brief.occasion, leader=brief.leader,
        instruction=brief.instruction.rstrip("。") if brief.instruction else None,
        place=brief.place, speaker=speaker,
        unit=speaker.get("unit"), post=speaker.get("post"), name=speaker.get("name"),
    )
    return {k: v for k, v in ctx.items() if v not in (None, "")}


def fits(phrase: Phrase, genre: str, theme: str | None, brief_themes: set[str], ctx: dict[str, Any]) -> bool:
    """Whether a phrase may stand in a place: its genre, its theme (a section's own or general;
    outside sections, general or one of the brief's themes) and every slot it uses given."""
    if phrase.genres and genre not in phrase.genres:
        return False
    if phrase.themes:
        if theme is not None and theme not in phrase.themes:
            return False
        if theme is None and not brief_themes.intersection(phrase.themes):
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
    themes: list[str | None]
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
    brief_themes: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.used = set(self.brief.pins.values())
        self.brief_themes = {t for t in self.themes if t}

    # --- picking ---------------------------------------------------------------------------

    def pick(self, function: str, slot: str, theme: str | None, ctx: dict[str, Any]) -> Segment | None:
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
            key = (function, theme, "section" in ctx)
            if key not in self.fitting:  # the same for every run of one compose: shared
                self.fitting[key] = [p for p in self.index.get(function, ())
                                     if fits(p, self.skeleton.genre, theme, self.brief_themes, ctx)]
            candidates = [p for p in self.fitting[key] if p.id not in self.used]
            if not candidates:
                return None
            # a section's own theme first: general phrases are shared by every section
            own = [p for p in candidates if p.themes]
            phrase = self.rng.choice(own if theme is not None and own else candidates)
        self.used.add(phrase.id)
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
        matching = [i for i in avail if theme and theme in pset.item(i).themes]
        general = [i for i in avail if not pset.item(i).themes]
        pool = matching or general
        if not pool and avail and not pset.bound:
            pool = avail
        if not pool:
            raise ComposeError(Problem(
                f"平行组“{pset.name}”（{set_id}）的项目已用完或与主题“{theme}”都不相符："
                "请减少部分数，或在提纲中为这一部分自拟小标题（heading）。"))
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
                if function in USER_MOVES:
                    segs += self.user_move(function, section, scope, theme, ctx)
                    continue
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

    def user_move(self, move: str, section: Section | None, scope: str, theme: str | None,
                  ctx: dict[str, Any]) -> list[Segment]:
        if section is None:
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
        for n, spec in enumerate(specs, 1):
            if spec.each == "section":
                for i, section in enumerate(self.brief.sections):
                    theme = self.themes[i]
                    sctx = dict(ctx, section={"theme": theme or section.theme, "index": i + 1})
                    out.append(self.part(spec, level, len(out) + 1, sctx, f"sections.{i + 1}", theme, section))
            else:
                out.append(self.part(spec, level, len(out) + 1, ctx, f"{prefix}parts.{n}", None, None))
        return out

    def part(self, spec: PartSpec, level: int, number: int, ctx: dict[str, Any], scope: str,
             theme: str | None, section: Section | None) -> Part:
        styles = self.skeleton.numbering
        style = styles[min(level, len(styles)) - 1]
        heading = self.heading(spec, scope, theme, ctx, section)
        body = self.paragraphs(spec.body, scope, theme, ctx, section)
        children = self.parts(spec.children, level + 1, ctx, scope + ".")
        return Part(level, marker(style, number), heading, spec.inline, body, children)

    def heading(self, spec: PartSpec, scope: str, theme: str | None, ctx: dict[str, Any],
                section: Section | None) -> Paragraph | None:
        slot = f"{scope}.heading"
        if section is not None and section.heading:
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
        ctx = base_context(b, sk)
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
        )


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
    themes: list[str | None] = []
    for i, section in enumerate(brief.sections):
        name = bank.theme_name(section.theme)
        themes.append(name)
        if name is None:
            guess = bank.suggest_theme(section.theme)
            hint = f"是不是“{guess}”？" if guess else f"已知主题：{'、'.join(bank.themes)}。"
            file, line, col = brief.where("sections", i, "theme")
            warnings.append(str(Problem(f"句库中没有主题“{section.theme}”，这一部分只用通用句子。{hint}", file, line, col)))
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
        r = _Run(brief, skeleton, bank, seed, dict(counts), index, themes, fitting)
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
        "warnings": warnings + state.warnings,
    }
    return doc
