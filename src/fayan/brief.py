"""The brief: what a user writes to ask for a draft.

Keys are English; each also accepts its Chinese name (listed under ``zh``), so a brief can be
written entirely in Chinese. Every field is documented where it is declared; the JSON Schema
in ``schemas/brief.schema.json`` is generated from this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from . import yamlio
from .errors import BriefError, FayanError
from .speaker import RANKS, UNIT_GROUPS, UNIT_KINDS
from .topic import TOPIC_KINDS


def _zh(*names: str) -> dict[str, Any]:
    return {"zh": list(names)}


def _as_list(value: Any) -> Any:
    """A single string where a list is expected becomes a one-item list."""
    return [value] if isinstance(value, str) else value


def _one_of(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    """A value that must be one of a few words (职级, 单位类型, 专题类型), or absent."""
    if value is not None and value not in allowed:
        raise ValueError(f"{what}应是{'、'.join(allowed)}之一，不能是“{value}”")
    return value


class Speaker(BaseModel):
    """Who gives the speech. Every part is optional; what is given appears on the speaker line
    under the title and fills the phrases that mention it."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, description="姓名", json_schema_extra=_zh("姓名", "名字"))
    post: str | None = Field(None, description="职务，如“县委常委、组织部部长”",
                             json_schema_extra=_zh("职务"))
    unit: str | None = Field(None, description="单位，如“XX县委组织部”",
                             json_schema_extra=_zh("单位"))
    rank: str | None = Field(None, description="职级：" + "、".join(RANKS) + "；不写则按职务推断"
                             "（“书记”“局长”为主要负责人，“副……”“常委”为分管负责人，“科员”“选调生”为一般干部）",
                             json_schema_extra=_zh("职级", "级别"))
    kind: str | None = Field(None, description="单位类型：" + "、".join((*UNIT_KINDS, *UNIT_GROUPS))
                             + "；不写则按单位和职务推断", json_schema_extra=_zh("单位类型"))
    young: bool | None = Field(None, description="是否年轻干部、新录用人员；不写则按职务推断（如“选调生”）",
                               json_schema_extra=_zh("年轻干部"))
    presides: bool = Field(False, description="是否主持这次会议或学习；主持人才说“大家深受教育”一类的话",
                           json_schema_extra=_zh("主持", "主持人"))

    _rank = field_validator("rank")(lambda cls, v: _one_of(v, RANKS, "职级"))
    _kind = field_validator("kind")(lambda cls, v: _one_of(v, (*UNIT_KINDS, *UNIT_GROUPS), "单位类型"))


class Quote(BaseModel):
    """A passage of the text studied, quoted word for word. fayan never invents one."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(..., min_length=1, description="原话（不加引号）", json_schema_extra=_zh("原话", "内容"))
    source: str | None = Field(None, description="出处，如“在中央政治局第二十一次集体学习时的讲话”",
                               json_schema_extra=_zh("出处"))


def _quotes(value: Any) -> Any:
    """One 原话 written as a string, or a list of strings, becomes a list of quotes."""
    if isinstance(value, str):
        return [{"text": value}]
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


class StudyPoint(BaseModel):
    """One point of the text studied (学习要点), as a short phrase, with its quotation if any."""

    model_config = ConfigDict(extra="forbid")

    point: str = Field(..., min_length=1, description="要点，一个短语，如“党的坚强领导是事业发展的根本政治保证”",
                       json_schema_extra=_zh("要点", "标题"))
    quote: str | None = Field(None, description="这一要点的原话（不加引号）；不写则按顺序用“原话”中未用的一条",
                              json_schema_extra=_zh("原话"))
    source: str | None = Field(None, description="原话的出处", json_schema_extra=_zh("出处"))
    explain: list[str] = Field(default_factory=list, description="自己的理解，原样写入",
                               json_schema_extra=_zh("理解", "阐释"))

    _lists = field_validator("explain", mode="before")(_as_list)


class Section(BaseModel):
    """One numbered part of the body. fayan writes its heading (unless ``heading`` is given)
    and its general sentences; the speaker's own points, examples and measures are woven in
    verbatim."""

    model_config = ConfigDict(extra="forbid")

    theme: str = Field(..., min_length=1, description="主题，如“理论武装”“基层党建”“廉政建设”；"
                       "决定本部分选用哪一类句子", json_schema_extra=_zh("主题"))
    heading: str | None = Field(None, min_length=1, description="自拟的小标题（不含序号）；不写则由模板生成",
                                json_schema_extra=_zh("标题", "小标题"))
    points: list[str] = Field(default_factory=list, description="自己的认识和观点，原样写入，每条一句或一段",
                              json_schema_extra=_zh("观点", "要点", "认识"))
    examples: list[str] = Field(default_factory=list, description="本单位的事例、数据，原样写入",
                                json_schema_extra=_zh("事例", "例子", "案例"))
    measures: list[str] = Field(default_factory=list,
                                description="下一步举措，写成动词开头的短句（如“建立……机制”），"
                                "以“一是……二是……”串联",
                                json_schema_extra=_zh("举措", "措施", "打算"))

    _lists = field_validator("points", "examples", "measures", mode="before")(_as_list)


class Brief(BaseModel):
    """A request for one draft."""

    model_config = ConfigDict(extra="forbid")

    template: str = Field("yantao-fayan", description="模板名，见 `fayan templates`",
                          json_schema_extra=_zh("模板"))
    title: str = Field(..., min_length=1, description="标题，如“筑牢根基担使命，聚力笃行启新程”",
                       json_schema_extra=_zh("标题", "题目"))
    subtitle: str | None = Field(None, description="副标题；不写则按模板由会议名生成（如“——在……上的发言”）",
                                 json_schema_extra=_zh("副标题"))
    speaker: Speaker | None = Field(None, description="发言人", json_schema_extra=_zh("发言人"))
    occasion: str | None = Field(None, description="会议或场合，如“县委理论学习中心组专题研讨会”",
                                 json_schema_extra=_zh("会议", "场合"))
    topic: str = Field(..., min_length=1, description="学习研讨的专题，如“习近平总书记关于党的建设的重要思想”",
                       json_schema_extra=_zh("专题", "学习内容"))
    leader: str = Field("习近平总书记", min_length=1, description="讲话、指示出自谁，文中如何称呼",
                        json_schema_extra=_zh("称谓", "领导"))
    topic_kind: str | None = Field(None, description="学习内容的类型：" + "、".join(TOPIC_KINDS)
                                   + "；不写则按专题的措辞推断（“……思想”“……重要论述”“……条例”“……学习教育”）",
                                   json_schema_extra=_zh("专题类型", "学习内容类型"))
    instruction: list[Quote | str] | str = Field(default_factory=list,
                                     description="要引用的重要讲话或指示原话（不加引号），一条或多条，每条可带出处；"
                                     "有“学习要点”的模板在第一部分逐条引用，否则第一条用在开头、其余用在相符的部分；"
                                     "不写则不引原话，fayan 不会编造引语",
                                     json_schema_extra=_zh("原话", "重要指示"))
    study: list[StudyPoint | str] | str = Field(default_factory=list,
                                    description="所学内容的要点，每条一个短语，可带原话；研讨发言、党课讲稿的第一部分逐条阐释",
                                    json_schema_extra=_zh("学习要点"))
    place: str | None = Field(None, description="地方或单位简称，如“XX县”，用于“推动XX县高质量发展”一类句子",
                              json_schema_extra=_zh("地方", "地点"))
    length: int | None = Field(None, ge=300, le=30000, description="正文目标字数；不写用模板默认值",
                               json_schema_extra=_zh("字数", "篇幅"))
    seed: int | None = Field(None, ge=0, description="随机种子；同一提纲同一种子生成的稿子完全相同",
                             json_schema_extra=_zh("种子"))
    salutation: bool | None = Field(None, description="是否以“同志们：”开头；不写按模板",
                                    json_schema_extra=_zh("称呼"))
    sections: list[Section] = Field(..., min_length=1, max_length=9,
                                    description="正文各部分，按顺序编号", json_schema_extra=_zh("部分", "正文"))
    vars: dict[str, str] = Field(default_factory=dict,
                                 description="覆盖模板变量（见 `fayan templates show`）",
                                 json_schema_extra=_zh("变量"))
    # a string, or a list of strings and mappings, in the YAML; always a list of models after validation
    _quotes = field_validator("instruction", mode="before")(_quotes)
    _study = field_validator("study", mode="before")(
        lambda cls, v: [{"point": x} if isinstance(x, str) else x for x in _as_list(v)] if isinstance(v, (list, str)) else v)

    _topic_kind = field_validator("topic_kind")(lambda cls, v: _one_of(v, TOPIC_KINDS, "专题类型"))

    pins: dict[str, str] = Field(default_factory=dict,
                                 description="把某个位置锁定为某条句子：位置 → 句子编号（编号见 JSON 输出的 trace）",
                                 json_schema_extra=_zh("锁定"))

    # positions of the loaded YAML, for messages raised after validation (pins, themes)
    _source: Any = None
    _file: str = "<brief>"

    def where(self, *path: Any, key: bool = False) -> tuple[str, int | None, int | None]:
        """File, line and column of a value in the brief (``None`` where not known)."""
        mark = yamlio.locate(self._source, path, key=key) if self._source is not None else None
        return self._file, (mark.line if mark else None), (mark.column if mark else None)


def parse_brief(text: str | bytes, file: str = "<brief>") -> Brief:
    """Parse and validate a brief from YAML text; raise :class:`BriefError` listing every
    problem with its position."""
    try:
        data = yamlio.load(text, file)
    except BriefError:
        raise
    except FayanError as exc:
        raise BriefError(exc.problems) from None
    if data is None:
        raise BriefError(yamlio.Problem("提纲是空的。可以用 `fayan new 模板名` 生成一份带注释的提纲。", file, 1, 1))
    brief = yamlio.validate(Brief, data, file, BriefError, "（提纲）")
    brief._source = yamlio.normalize_keys(Brief, data, file, [])
    brief._file = file
    return brief


def load_brief(path: str | Path) -> Brief:
    """Read and validate a brief file (UTF-8, UTF-8 with BOM, or GBK/GB18030)."""
    from .reader import read_file
    return parse_brief(read_file(path, what="提纲文件", error=BriefError), str(path))
