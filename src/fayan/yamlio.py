"""YAML loading that keeps where every value came from.

``load(text, file)`` returns plain Python data whose mappings and sequences are
:class:`PosDict` / :class:`PosList`: ordinary ``dict`` / ``list`` subclasses that also remember
the line and column of each key and value. Only YAML's safe types are built (no Python
objects). ``validate(model, data, file)`` runs a pydantic model over such data and turns every
validation error into a :class:`~fayan.errors.Problem` with its position, all of them at once.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Any, TypeVar, Union

import yaml
from pydantic import BaseModel, ValidationError

from .errors import FayanError, Problem

try:  # the C loader is several times faster where PyYAML was built with libyaml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a source file."""

    line: int
    column: int


class PosDict(dict):
    """A mapping that remembers where its keys and values stand."""

    start: Mark | None = None
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.key_marks = {}
        self.value_marks = {}


class PosList(list):
    """A sequence that remembers where its items stand."""

    start: Mark | None = None
    marks: list[Mark]

    def __init__(self, *args: Any):
        super().__init__(*args)
        self.marks = []


def decode(raw: bytes) -> str:
    """Decode a text file as a Chinese user's tools save it: UTF-8 (with or without BOM),
    UTF-16 with BOM, or GBK/GB18030 as Windows Notepad and WPS write it."""
    return decode_with_codec(raw)[0]


def decode_with_codec(raw: bytes) -> tuple[str, str]:
    """The text and the codec that encodes it back as it was (BOM included)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("gb18030"), "gb18030"


def _mark(m: yaml.Mark) -> Mark:
    return Mark(m.line + 1, m.column + 1)


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _build(node: yaml.Node, loader: Any, file: str) -> Any:
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        raise FayanError(Problem(f"YAML 格式有误：不支持标签“{node.tag}”，请去掉“!”开头的标记。",
                                 file, *_pos(node)))
    if isinstance(node, yaml.MappingNode):
        out = PosDict()
        out.start = _mark(node.start_mark)
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise FayanError(
                    Problem("不支持 YAML 合并键“<<”，请把内容直接写出来。", file,
                            *_pos(key_node))
                )
            key = _build(key_node, loader, file)
            if isinstance(key, (dict, list)):
                raise FayanError(Problem("键必须是文字，不能是列表或映射。", file, *_pos(key_node)))
            key = "" if key is None else str(key)
            if key in out:
                first = out.key_marks[key]
                raise FayanError(
                    Problem(f"键“{key}”重复出现（第一次在第 {first.line} 行），请删去其中一个。",
                            file, *_pos(key_node))
                )
            out[key] = _build(value_node, loader, file)
            out.key_marks[key] = _mark(key_node.start_mark)
            out.value_marks[key] = _mark(value_node.start_mark)
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = PosList()
        seq.start = _mark(node.start_mark)
        for item in node.value:
            seq.append(_build(item, loader, file))
            seq.marks.append(_mark(item.start_mark))
        return seq
    return loader.construct_object(node, deep=True)


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load(text: str | bytes, file: str) -> Any:
    """Parse one YAML document safely, keeping positions. An empty document gives ``None``.

    Raises :class:`FayanError` with the file, line and column of a syntax error.
    """
    if isinstance(text, bytes):
        text = decode(text)
    text = text.lstrip("\ufeff")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _build(node, loader, file)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise FayanError(Problem(f"YAML 格式有误：{_yaml_reason(exc)}。{_YAML_HINT}", file, line, col)) from None
    except yaml.YAMLError as exc:
        raise FayanError(Problem(f"YAML 格式有误：{exc}", file)) from None
    finally:
        loader.dispose()


_YAML_HINT = "请检查缩进（只用空格）以及冒号后是否留了一个空格。"


def _yaml_reason(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    known = {
        "mapping values are not allowed here": "此处不能出现“键: 值”，可能是缩进不对或值里有未加引号的冒号",
        "found character '\\t' that cannot start any token": "出现了制表符（Tab），YAML 只能用空格缩进",
        "could not find expected ':'": "找不到应有的冒号“:”",
        "found undefined alias": "引用了未定义的锚点",
        "expected <block end>, but found '-'": "列表项“-”的缩进与上文不一致",
        "found unexpected end of stream": "引号没有闭合",
    }
    for key, zh in known.items():
        if problem.startswith(key):
            return zh
    return problem or str(exc)


# --- locating values inside loaded data ------------------------------------------------------

def locate(data: Any, path: tuple[Any, ...], *, key: bool = False) -> Mark | None:
    """The position of the value at ``path`` (or of its key with ``key=True``); where the path
    leaves the data, the position of the deepest container reached."""
    here: Mark | None = getattr(data, "start", None)
    node = data
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, PosDict) and isinstance(step, str) and step in node:
            here = node.key_marks[step] if (key and last) else node.value_marks[step]
            node = node[step]
        elif isinstance(node, PosList) and isinstance(step, int) and 0 <= step < len(node):
            here = node.marks[step]
            node = node[step]
        else:
            break
    return here


# --- pydantic validation with positions -------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def field_names(model: type[BaseModel]) -> dict[str, str]:
    """Every accepted key of ``model`` mapped to its canonical English name: the field name
    and each Chinese alias listed in the field's ``json_schema_extra["zh"]``."""
    names: dict[str, str] = {}
    for name, info in model.model_fields.items():
        names[name] = name
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        for alias in extra.get("zh", ()):
            names[alias] = name
    return names


def _zh_name(model: type[BaseModel], name: str) -> str:
    info = model.model_fields.get(name)
    extra = info.json_schema_extra if info and isinstance(info.json_schema_extra, dict) else {}
    zh = extra.get("zh", ())
    return f"“{name}”（{zh[0]}）" if zh else f"“{name}”"


def _submodels(annotation: Any) -> list[tuple[str, type[BaseModel]]]:
    """The models inside a field's type: ('one', M) for ``M``/``M | None``, ('list', M) for
    ``list[M]``, ('dict', M) for ``dict[str, M]``."""
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [("one", annotation)]
    if origin in (Union, types.UnionType):
        out = []
        for arg in typing.get_args(annotation):
            out += _submodels(arg)
        return out
    if origin is list:
        (arg,) = typing.get_args(annotation) or (Any,)
        return [("list", m) for kind, m in _submodels(arg) if kind == "one"]
    if origin is dict:
        args = typing.get_args(annotation)
        if len(args) == 2:
            return [("dict", m) for kind, m in _submodels(args[1]) if kind == "one"]
    return []


def normalize_keys(model: type[BaseModel], data: Any, file: str,
                   problems: list[Problem], path: tuple = (),
                   guessed: set[tuple] | None = None) -> Any:
    """Rename Chinese keys to their English field names, recursively, keeping positions.

    Unknown keys are reported (with a did-you-mean) and dropped, so that the model's own
    validation reports only what is wrong with the known ones: every problem once. The path of
    each suggested key goes into ``guessed``, so that a misspelt required key is not also
    reported as missing."""
    if guessed is None:
        guessed = set()
    if not isinstance(data, PosDict):
        return data
    names = field_names(model)
    out = PosDict()
    out.start = data.start
    for key, value in data.items():
        canonical = names.get(key)
        if canonical is None:
            message, suggestion = _unknown_key_message(model, key)
            if suggestion:
                guessed.add(path + (suggestion,))
            problems.append(Problem(message, file,
                                    data.key_marks[key].line, data.key_marks[key].column))
            continue
        if canonical in out:
            mark = data.key_marks[key]
            problems.append(Problem(
                f"{_zh_name(model, canonical)} 写了两次（中英文键名各一次），请只保留一个。",
                file, mark.line, mark.column))
            continue
        for kind, sub in _submodels(model.model_fields[canonical].annotation):
            here = path + (canonical,)
            if kind == "one" and isinstance(value, PosDict):
                value = normalize_keys(sub, value, file, problems, here, guessed)
            elif kind == "list" and isinstance(value, PosList):
                new = PosList(normalize_keys(sub, v, file, problems, here + (i,), guessed)
                              for i, v in enumerate(value))
                new.marks, new.start = value.marks, value.start
                value = new
            elif kind == "dict" and isinstance(value, PosDict):
                new_d = PosDict({k: normalize_keys(sub, v, file, problems, here + (k,), guessed)
                                 for k, v in value.items()})
                new_d.key_marks, new_d.value_marks, new_d.start = value.key_marks, value.value_marks, value.start
                value = new_d
            break
        out[canonical] = value
        out.key_marks[canonical] = data.key_marks[key]
        out.value_marks[canonical] = data.value_marks[key]
    return out


def _unknown_key_message(model: type[BaseModel], key: str) -> tuple[str, str | None]:
    names = field_names(model)
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.6)
    if not close:  # a Chinese key one character off, or a case slip
        lowered = {n.lower(): n for n in names}
        if key.lower() in lowered:
            close = [lowered[key.lower()]]
    if close:
        canonical = names[close[0]]
        return f"未知的键“{key}”，是不是要写 {_zh_name(model, canonical)}？", canonical
    allowed = "、".join(_zh_name(model, n) for n in model.model_fields)
    return f"未知的键“{key}”。这里可以写的键有：{allowed}。", None


_MESSAGES = {
    "missing": "缺少必填项{name}，请补上。",
    "string_type": "{name}应是一段文字。",
    "int_type": "{name}应是整数。",
    "int_parsing": "{name}应是整数（例如 3000），不能是“{input}”。",
    "int_from_float": "{name}应是整数，不能带小数。",
    "bool_type": "{name}应是 true 或 false。",
    "bool_parsing": "{name}应是 true 或 false，不能是“{input}”。",
    "list_type": "{name}应是列表（每项一行，以“- ”开头）。",
    "dict_type": "{name}应是“键: 值”形式的映射。",
    "model_type": "{name}应是“键: 值”形式的映射。",
    "model_attributes_type": "{name}应是“键: 值”形式的映射。",
    "too_short": "{name}至少要有 {min_length} 项。",
    "too_long": "{name}最多只能有 {max_length} 项。",
    "string_too_short": "{name}不能为空。",
    "greater_than_equal": "{name}不能小于 {ge}。",
    "less_than_equal": "{name}不能大于 {le}。",
    "greater_than": "{name}必须大于 {gt}。",
    "literal_error": "{name}只能是 {expected}。",
    "enum": "{name}只能是 {expected}。",
    "string_pattern_mismatch": "{name}的写法不对：{input}",
}


def validate(model: type[M], data: Any, file: str, error: type[FayanError] = FayanError,
             what: str = "") -> M:
    """Validate loaded YAML ``data`` against ``model``; raise ``error`` with *every* problem,
    each with file, line and column, in document order."""
    problems: list[Problem] = []
    if data is None:
        data = PosDict()
    if not isinstance(data, dict):
        mark = getattr(data, "start", None)
        raise error(Problem(f"文件内容应是“键: 值”形式的映射{what}，请参照示例。", file,
                            mark.line if mark else 1, mark.column if mark else 1))
    guessed: set[tuple] = set()
    data = normalize_keys(model, data, file, problems, (), guessed)
    result = None
    try:
        result = model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            if err["type"] == "missing" and tuple(err["loc"]) in guessed:
                continue  # already reported as a misspelt key with this suggestion
            problems.append(_problem_from(model, err, data, file))
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise error(problems)
    assert result is not None
    return result


def _problem_from(model: type[BaseModel], err: Any, data: Any, file: str) -> Problem:
    loc = tuple(err["loc"])
    # pydantic appends union member names and validator tags to loc; keep the data path only
    path = tuple(p for p in loc if isinstance(p, int) or not _is_tag(p))
    kind = err["type"]
    mark = locate(data, path, key=kind == "missing")
    name = _describe(model, path)
    ctx = dict(err.get("ctx") or {})
    template = _MESSAGES.get(kind)
    if kind.startswith("value_error") or kind == "assertion_error" or template is None:
        msg = str(ctx.get("error", "")) or err["msg"]
        if kind.startswith("value_error") and msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        text = f"{name}：{msg}" if name else msg
    else:
        inp = err.get("input")
        text = template.format(name=name or "内容", input=inp if not isinstance(inp, (dict, list)) else "…", **ctx)
    return Problem(text, file, mark.line if mark else None, mark.column if mark else None)


def _is_tag(part: Any) -> bool:
    return isinstance(part, str) and (
        part.startswith(("function-", "model-", "json-", "union[", "lax-", "strict-"))
        or part in ("str", "int", "bool", "list[str]", "float", "constrained-str")
        or "[" in part and part.endswith("]")
    )


def _describe(model: type[BaseModel], path: tuple) -> str:
    """A human name for a path: “sections”（部分）第 2 项的 “theme”（主题）."""
    parts: list[str] = []
    current: Any = model
    for step in path:
        if isinstance(step, int):
            parts.append(f"第 {step + 1} 项")
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and step in current.model_fields:
            parts.append(_zh_name(current, step))
            subs = _submodels(current.model_fields[step].annotation)
            current = subs[0][1] if subs else None
        else:
            parts.append(f"“{step}”")
            current = None
    return " ".join(parts)
