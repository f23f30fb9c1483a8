"""Skeletons: the structure of one kind of speech (``templates/NAME.yaml``).

A skeleton gives the order of parts, which phrase functions fill each paragraph, the heading
frame of the numbered parts and the parallel sets that supply their varying words, the
numbering style per level, and defaults. A paragraph is a list of *moves*:

- ``opening.turn`` — one phrase of that function;
- ``quote?`` — one phrase if one fits, else nothing;
- ``section.elaborate*`` — as many phrases as the target length calls for (at least one where
  the length allows); ``quote*2`` — the same, at most two;
- ``opening.quote|opening.occasion`` — a phrase of the first function that has one that fits;
- ``user.points`` / ``user.examples`` / ``user.measures`` — the brief's own words, verbatim;
- ``user.quote`` — the 原话 the brief gives for this place, cited by a ``cite`` phrase (nothing
  where none is given: fayan never invents a quotation); ``user.explain`` — a study point's own
  explanation, verbatim.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from . import yamlio
from .document import NUMBERING
from .errors import DataError, FayanError, Problem, TemplateNotFound
from .phrasebank import ID_PATTERN
from .resources import builtin_dir, search_path, yaml_files

_FUNC = r"[a-z][a-z_]*(\.[a-z][a-z_]*)*"
MOVE_RE = re.compile(rf"^(user\.(points|examples|measures|quote|explain)|{_FUNC}(\|{_FUNC})*)(\?|\*(?:[1-9](?:-[1-9])?)?|#[2-5])?$")
USER_MOVES = ("user.points", "user.examples", "user.measures", "user.quote", "user.explain")


class Move(NamedTuple):
    """One move of a paragraph: a function (or ``a|b``: the first the bank can fill), its mark
    — ``""``, ``"?"`` (optional), ``"*"`` (elastic: as many as the length asks) or ``"#"`` (a
    numbered list) — and, for ``*`` and ``#``, the most and the least phrases it takes."""

    function: str
    mark: str
    most: int | None = None
    least: int = 0


def parse_move(move: str) -> Move:
    """``"section.elaborate*"`` → elastic, no bounds; ``"closing.pledge*2"`` → at most 2;
    ``"reflection.elaborate*5-6"`` → at least 5, at most 6; ``"section.elaborate#3"`` → a
    numbered list of 3 (一是要……二是要……), where the section has no list of the user's."""
    m = re.fullmatch(r"(.+?)(\?|\*(?:([1-9])(?:-([1-9]))?)?|#([2-5]))?", move)
    assert m is not None
    mark = (m.group(2) or "")[:1]
    if mark == "#":
        n = int(m.group(5))
        return Move(m.group(1), mark, n, n)
    if m.group(4):  # *least-most
        return Move(m.group(1), mark, int(m.group(4)), int(m.group(3)))
    return Move(m.group(1), mark, int(m.group(3)) if m.group(3) else None)


def _check_moves(paragraphs: list[list[str]]) -> list[list[str]]:
    for para in paragraphs:
        for move in para:
            if not MOVE_RE.match(move):
                raise ValueError(f"“{move}”不是合法的写法：应是功能名（如 opening.turn），"
                                 "几个功能用 | 连接表示取第一个有合适句子的，"
                                 "可加 ?（可选）、*（按字数伸缩）、*2（伸缩，最多 2 句）、*5-6（5 到 6 句）"
                                 "或 #3（“一是要……二是要……”三项，部分没有用户的举措时才用），"
                                 "或 user.points / user.examples / user.measures / user.quote / user.explain")
    return paragraphs


class HeadingSpec(BaseModel):
    """A heading frame: Jinja text whose names are brief fields (``topic``, ``section.theme``)
    or items drawn from parallel sets, bound under the names in ``sets``."""

    model_config = ConfigDict(extra="forbid")

    frame: str = Field(..., min_length=1, description="标题框架，如“要坚持{{ zhua }}，作为{{ mission }}的{{ endnoun }}”")
    sets: dict[str, str] = Field(default_factory=dict, description="框架中的名 → 平行组编号")


class PartSpec(BaseModel):
    """One numbered part, or with ``each: section`` one part per section of the brief."""

    model_config = ConfigDict(extra="forbid")

    each: Literal["section", "study"] | None = Field(
        None, description="section：每个提纲部分生成一个；study：每条学习要点生成一个（标题即要点，接在段首）")
    heading: HeadingSpec | None = Field(None, description="标题；用户在提纲里自拟的小标题优先")
    inline: bool = Field(False, description="true：标题不单独成行，接在段首（如“第一，……”）")
    body: list[list[str]] = Field(default_factory=list, description="各段的写法，每段一个列表")
    children: list[PartSpec] = Field(default_factory=list, description="下一级部分")

    _moves = field_validator("body")(lambda cls, v: _check_moves(v))


def walk_parts(parts: list[PartSpec]) -> list[PartSpec]:
    """Every part and every part below it."""
    out, stack = [], list(parts)
    while stack:
        part = stack.pop()
        out.append(part)
        stack.extend(part.children)
    return out


class SampleBrief(BaseModel):
    """What `fayan new` puts in a new brief for this template."""

    model_config = ConfigDict(extra="forbid")

    title: str
    occasion: str
    topic: str
    themes: list[str] = Field(..., min_length=1)


class Skeleton(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(..., pattern=ID_PATTERN, description="模板名（拼音），如 yantao-fayan")
    name: str = Field(..., description="中文名，如“专题研讨发言”")
    description: str = Field(..., description="适用场合，一两句话")
    genre: str = Field(..., description="文种：研讨发言、交流发言、心得体会、研讨材料、党课讲稿")
    model: str | None = Field(None, description="依据的范文（语料文件）")
    subtitle: str | None = Field(None, description="副标题框架，如“——在{{ occasion }}上的发言”；缺槽位时不加")
    byline: bool = Field(True, description="标题下是否写发言人单位、职务、姓名")
    salutation: bool = Field(False, description="是否以“同志们：”开头（提纲可改）")
    opening: list[list[str]] = Field(..., min_length=1, description="开头各段的写法")
    numbering: list[str] = Field(..., min_length=1, description="各级序号样式")
    parts: list[PartSpec] = Field(..., min_length=1, description="正文各部分")
    closing: list[list[str]] = Field(..., min_length=1, description="结尾各段的写法")
    series: str = Field("hanzi-shi", description="举措串联的序号样式（一是……二是……）")
    paragraph_max: int = Field(6, ge=2, description="一段最多几句生成的句子，多了就分段")
    length: int = Field(3000, ge=300, description="默认正文字数")
    sections: tuple[int, int] = Field((3, 6), description="建议的部分数（最少, 最多）")
    vars: dict[str, str] = Field(default_factory=dict, description="框架里可用、提纲可改的变量及默认值")
    sample: SampleBrief

    _moves = field_validator("opening", "closing")(lambda cls, v: _check_moves(v))
    _places: dict[str, tuple[str, int | None, int | None]] = PrivateAttr(default_factory=dict)
    _move_places: list[tuple[str, tuple[str, int | None, int | None]]] = PrivateAttr(default_factory=list)

    def place_of(self, text: str) -> tuple[str, int | None, int | None] | tuple[()]:
        """File, line and column of a frame or subtitle text, where the skeleton came from a file."""
        return self._places.get(text, ())

    def move_places(self) -> list[tuple[str, tuple[str, int | None, int | None]]]:
        """Every move with the file, line and column where it is written (from a file only)."""
        return list(self._move_places)

    @field_validator("numbering")
    @classmethod
    def _known_styles(cls, value: list[str]) -> list[str]:
        for style in value:
            if style not in NUMBERING:
                raise ValueError(f"未知的序号样式“{style}”，可用：{'、'.join(NUMBERING)}")
        return value

    @field_validator("series")
    @classmethod
    def _known_series(cls, value: str) -> str:
        return cls._known_styles([value])[0]

    @field_validator("parts")
    @classmethod
    def _one_each_section(cls, value: list[PartSpec]) -> list[PartSpec]:
        count = sum(part.each == "section" for part in walk_parts(value))
        if count != 1:
            raise ValueError("正文中须有且只有一处 each: section（提纲的各部分在那里展开）"
                             f"，现在有 {count} 处")
        return value

    def has_each(self, kind: str) -> bool:
        """Whether some part is repeated for each section (``section``) or study point (``study``)."""
        return any(p.each == kind for p in walk_parts(self.parts))

    @property
    def section_cites(self) -> bool:
        """Whether the sections open from a 原话 given to them (``user.quote`` in their body)."""
        return any(p.each == "section" and any("user.quote" in para for para in p.body)
                   for p in walk_parts(self.parts))

    @property
    def moves(self) -> list[str]:
        """Every function this skeleton uses (for checking a bank against it)."""
        paragraphs = [*self.opening, *self.closing, *(p for part in walk_parts(self.parts) for p in part.body)]
        return [f for para in paragraphs for m in para for f in parse_move(m)[0].split("|")]


def template_files(user_dirs: list[str | Path] | None = None) -> dict[str, Path]:
    """Template name → file, later directories overriding earlier ones."""
    found: dict[str, Path] = {}
    for directory in search_path("templates", user_dirs):
        if not directory.is_dir():
            raise DataError(Problem("模板目录不存在。请检查 --templates 或环境变量 FAYAN_TEMPLATES 给出的路径。",
                                    str(directory)))
        for path in yaml_files(directory):
            found[path.stem] = path
    return found


def load_skeleton_file(path: str | Path) -> Skeleton:
    from .reader import read_file
    path = Path(path)
    try:
        data = yamlio.load(read_file(path, what="模板文件"), str(path))
    except FayanError as exc:
        raise DataError(exc.problems) from None
    skeleton = yamlio.validate(Skeleton, data, str(path), DataError, "（模板）")
    _record_places(skeleton, data, str(path))
    if path.resolve().parent != builtin_dir("templates").resolve():  # a user's: checked as rendered
        _check_frames(skeleton, str(path))
    return skeleton


def _at(file: str, mark: yamlio.Mark | None) -> tuple[str, int | None, int | None]:
    return (file, mark.line, mark.column) if mark else (file, None, None)


def _record_places(skeleton: Skeleton, data: object, file: str) -> None:
    """Where the frames, the subtitle and each move stand in the file."""
    places = skeleton._places
    if skeleton.subtitle:
        places[skeleton.subtitle] = _at(file, yamlio.locate(data, ("subtitle",)))
    moves = skeleton._move_places
    for key in ("opening", "closing"):
        for i, para in enumerate(getattr(skeleton, key)):
            for k, move in enumerate(para):
                moves.append((move, _at(file, yamlio.locate(data, (key, i, k)))))
    stack: list[tuple[PartSpec, tuple[object, ...]]] = [(p, ("parts", i)) for i, p in enumerate(skeleton.parts)]
    while stack:
        part, at = stack.pop(0)
        if part.heading is not None:
            places.setdefault(part.heading.frame, _at(file, yamlio.locate(data, (*at, "heading", "frame"))))
        for i, para in enumerate(part.body):
            for k, move in enumerate(para):
                moves.append((move, _at(file, yamlio.locate(data, (*at, "body", i, k)))))
        stack += [(c, (*at, "children", i)) for i, c in enumerate(part.children)]


def _check_frames(skeleton: Skeleton, file: str) -> None:
    """A user's frames and subtitle as the sandbox will render them: refused constructs are
    reported at their line, all at once."""
    from .sandbox import TemplateProblem, parse

    problems = []
    for text, (_, line, column) in skeleton._places.items():
        try:
            parse(text)
        except TemplateProblem as exc:
            problems.append(exc.at(f"模板 {skeleton.id} 的框架写法不能用：{exc.message}", (file, line, column)))
    if problems:
        raise DataError(problems)


def load_skeleton(name: str, user_dirs: list[str | Path] | None = None,
                  where: tuple[str | None, int | None, int | None] = (None, None, None)) -> Skeleton:
    """Load a template by name (or by path, if ``name`` ends in .yaml). ``where``: the file,
    line and column the name was written at (a brief's ``template:``), for the message when
    there is no such template."""
    if name.endswith((".yaml", ".yml")) and Path(name).is_file():
        return load_skeleton_file(name)
    files = template_files(user_dirs)
    if name not in files:
        # by its id: `fayan new` writes the id, and a user may save 学来的.yaml with id learned-…
        for path in reversed(files.values()):  # a later directory overrides an earlier one
            skeleton = load_skeleton_file(path)
            if skeleton.id == name:
                return skeleton
        import difflib
        close = difflib.get_close_matches(name, list(files), n=1)
        hint = f"是不是“{close[0]}”？" if close else ""
        what = "模板名是空的。" if not name.strip() else f"没有名为“{name}”的模板。{hint}"
        raise TemplateNotFound(Problem(f"{what}可用的模板：{'、'.join(sorted(files))}（`fayan templates` 查看说明）。",
                                       *where))
    return load_skeleton_file(files[name])


def list_skeletons(user_dirs: list[str | Path] | None = None) -> list[Skeleton]:
    return [load_skeleton_file(p) for _, p in sorted(template_files(user_dirs).items())]
