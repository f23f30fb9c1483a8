"""YAML loading that keeps where every value came from.

``load(text, file)`` returns plain Python data whose mappings and sequences are
:class:`PosDict` / :class:`PosList`: ordinary ``dict`` / ``list`` subclasses that also remember
the line and column of each key and value. Only YAML's safe types are built (no Python
objects). ``validate(model, data, file)`` runs a pydantic model over such data and turns every
validation error into a :class:`~fayan.errors.Problem` with its position, all of them at once.
"""

from __future__ import annotations

import difflib
import re
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


def decode(raw: bytes, file: str | None = None) -> str:
    """Decode a text file as a Chinese user's tools save it: UTF-8 (with or without BOM),
    UTF-16 with BOM, or GBK/GB18030 as Windows Notepad and WPS write it. Bytes that are none of
    these raise :class:`FayanError` at the line and column of the first byte that is wrong."""
    return decode_with_codec(raw, file)[0]


_HINT_SAVE = "请用记事本或 WPS 打开，另存为 UTF-8 编码的文本文件。"


def decode_with_codec(raw: bytes, file: str | None = None) -> tuple[str, str]:
    """The text and the codec that encodes it back as it was (BOM included).

    Strict: UTF-8 (BOM or not) and UTF-16 with a BOM as they are; GB18030 only where UTF-8
    fails before any Chinese character, the bytes decode without error, no control or
    private-use character comes out and nine in ten of the non-ASCII characters are GB2312's
    (text written in GBK; mojibake and random bytes are not). A NUL (UTF-16 without BOM, a
    binary file) or a zip (a .docx) is refused too."""
    if raw.startswith(b"PK\x03\x04"):
        raise FayanError(Problem("这是 Word 文档（.docx）或压缩包，不是文本文件。"
                                 "要读的是文本文件（.txt .md .yaml）。" + _HINT_SAVE, file, 1, 1))
    if raw.startswith(b"\xef\xbb\xbf"):
        text, codec = _strict(raw, 3, "utf-8", file), "utf-8-sig"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, codec = _strict(raw, 2, "utf-16-le" if raw[0] == 0xFF else "utf-16-be", file), "utf-16"
    else:
        try:
            text, codec = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            text, codec = _gbk(raw, exc, file), "gb18030"
    nul = text.find("\x00")
    if nul >= 0:
        line, col = text_position(text, nul)
        raise FayanError(Problem("这里有空字符（NUL，字节 0x00）：这不是普通的文本文件，可能是没有 BOM 的 "
                                 "UTF-16 或二进制文件。" + _HINT_SAVE, file, line, col))
    return text, codec


def text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _bad_byte(raw: bytes, start: int, bad: int, codec: str, file: str | None, what: str) -> FayanError:
    """An error at the first undecodable byte: its line and column counted in the text before it."""
    before = raw[start:bad].decode(codec, "replace")
    line, col = text_position(before, len(before))
    shown = " ".join(f"0x{b:02X}" for b in raw[bad:bad + 2])
    return FayanError(Problem(f"无法识别的字节 {shown}：{what}{_HINT_SAVE}", file, line, col))


def _strict(raw: bytes, start: int, codec: str, file: str | None) -> str:
    try:
        return raw[start:].decode(codec)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if codec == "utf-8" else "UTF-16"
        raise _bad_byte(raw, start, start + exc.start, codec, file,
                        f"文件开头标明是 {name} 编码，这里却不是（文件可能损坏或被截断）。") from None


_HAN = re.compile("[\u4e00-\u9fff]")
_NOT_GBK = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ue000-\uf8ff]")


def _gbk(raw: bytes, utf8: UnicodeDecodeError, file: str | None) -> str:
    """The bytes as GB18030 where they are text written in GBK; else an error at the first
    byte that is neither UTF-8 nor GBK."""
    not_text = _bad_byte(raw, 0, utf8.start, "utf-8", file, "文件既不是 UTF-8 编码，也不是 GBK 编码。")
    if _HAN.search(raw[:utf8.start].decode("utf-8")):  # Chinese in UTF-8 before: a stray byte
        raise _bad_byte(raw, 0, utf8.start, "utf-8", file,
                        "文件前面是 UTF-8 编码，这里却混进了不是 UTF-8 的字节。") from None
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        if exc.start > utf8.start and _looks_gbk(raw[:exc.start].decode("gb18030")):
            raise _bad_byte(raw, 0, exc.start, "gb18030", file,
                            "文件看来是 GBK 编码，这里却有不是 GBK 的字节。") from None
        raise not_text from None
    if not _looks_gbk(text):
        raise not_text from None
    return text


def _looks_gbk(text: str) -> bool:
    """No control or private-use character, and nine in ten non-ASCII characters GB2312's."""
    if _NOT_GBK.search(text):
        return False
    wide = [c for c in text[:20000] if c > "\x7f"]
    return 10 * len(wide) - 5 * len("".join(wide).encode("gb2312", "ignore")) <= len(wide)


def _mark(m: yaml.Mark) -> Mark:
    return Mark(m.line + 1, m.column + 1)


MAX_DEPTH = 100
"""Nesting a YAML file may have: the shipped templates nest 8 deep. Checked while parsing,
before anything recurses (PyYAML's own composer recurses, and crashes on 100,000 ``[``)."""

MAX_ALIAS_NODES = 100_000
"""Values an alias (``*x``) may bring in, all aliases of a file together: aliases of aliases
(“billion laughs”) would otherwise make gigabytes of a few hundred bytes."""

MAX_INT_DIGITS = 100
"""Digits an integer may have (a seed of 5,000 digits is a mistake, and Python refuses more
than 4,300)."""

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = (_TAG + "map", _TAG + "seq")
_SCALAR_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge"))
_STR = _TAG + "str"
_KEY = object()  # a mapping frame waiting for its next key
# every character YAML forbids in a file (PyYAML's Reader.NON_PRINTABLE)
_UNPRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")


def load(text: str | bytes, file: str) -> Any:
    """Parse one YAML document safely, keeping positions. An empty document gives ``None``.

    Raises :class:`FayanError` with the file, line and column of a syntax error, of bytes that
    are not text, of a character YAML forbids, and of nesting, aliases or integers beyond
    :data:`MAX_DEPTH`, :data:`MAX_ALIAS_NODES` and :data:`MAX_INT_DIGITS`.
    """
    if isinstance(text, bytes):
        text = decode(text, file)
    text = text.lstrip("\ufeff")
    bad = _UNPRINTABLE.search(text)
    if bad:
        raise FayanError(Problem(f"这里有一个看不见的控制字符（U+{ord(bad.group()):04X}），YAML 文件里不能有。"
                                 "请删去它（常见于从网页或 Word 复制来的文字）。",
                                 file, *text_position(text, bad.start())))
    loader = _Loader(text)
    try:
        return _compose(loader, file)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise FayanError(Problem(f"YAML 格式有误：{_yaml_reason(exc)}。{_YAML_HINT}", file, line, col)) from None
    except yaml.YAMLError:
        raise FayanError(Problem(f"YAML 格式有误，无法读出。{_YAML_HINT}", file)) from None
    finally:
        loader.dispose()


def _compose(loader: Any, file: str) -> Any:
    """The one document of the stream as PosDict/PosList/scalars, built from the parser's
    events without recursion; ``None`` for an empty stream."""
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # document start
    value = _document(loader, file)
    loader.get_event()  # document end
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        raise FayanError(Problem("一个文件只能写一份 YAML 文档，这里又开始了一份（“---”）。请删去它，或分成两个文件。",
                                 file, *_at(event.start_mark)))
    return value


def _at(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _document(loader: Any, file: str) -> Any:
    # a frame: [container, its mark, anchor, nodes inside, the key waiting for its value, that key's mark]
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    aliased = 0
    while True:
        event = loader.get_event()
        kind = type(event)
        mark = event.start_mark
        anchor = None
        if kind is yaml.ScalarEvent:
            value, size, anchor, tag = _scalar(loader, event, file), 1, event.anchor, None
            if stack and stack[-1][4] is _KEY and event.tag is None and event.value == "<<" and event.implicit[0]:
                tag = _TAG + "merge"
        elif kind is yaml.AliasEvent:
            if event.anchor not in anchors:
                what = "在它自己里面被引用（递归引用），无法展开" if event.anchor in open_anchors else "没有定义"
                raise FayanError(Problem(f"锚点“&{event.anchor}”{what}。请把内容直接写出来。", file, *_at(mark)))
            value, size = anchors[event.anchor]
            aliased += size
            if aliased > MAX_ALIAS_NODES:
                raise FayanError(Problem(f"别名（*）展开后超过 {MAX_ALIAS_NODES} 项，可能是恶意构造的文件。"
                                         "请把内容直接写出来，不要层层引用。", file, *_at(mark)))
            tag = None
        elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
            if event.tag not in (None, "!", *_PLAIN_TAGS):
                raise FayanError(Problem(f"YAML 格式有误：不支持标签“{event.tag}”，请去掉“!”开头的标记。",
                                         file, *_at(mark)))
            if len(stack) >= MAX_DEPTH:
                raise FayanError(Problem(f"嵌套超过 {MAX_DEPTH} 层，无法读取。请检查括号是否成对、缩进是否对齐。",
                                         file, *_at(mark)))
            container: Any = PosList() if kind is yaml.SequenceStartEvent else PosDict()
            container.start = _mark(mark)
            if event.anchor:
                open_anchors.add(event.anchor)
            stack.append([container, mark, event.anchor, 1, _KEY, None])
            continue
        elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            value, mark, anchor, size = stack.pop()[:4]
            open_anchors.discard(anchor)
            tag = None
        else:  # pragma: no cover - the parser gives no other event inside a document
            raise FayanError(Problem("YAML 格式有误，无法读出。", file, *_at(mark)))
        if anchor:
            anchors[anchor] = (value, size)
        if not stack:
            return value
        frame = stack[-1]
        frame[3] += size
        parent = frame[0]
        if type(parent) is PosList:
            parent.append(value)
            parent.marks.append(_mark(mark))
        elif frame[4] is _KEY:
            if tag == _TAG + "merge":
                raise FayanError(Problem("不支持 YAML 合并键“<<”，请把内容直接写出来。", file, *_at(mark)))
            if isinstance(value, (dict, list)):
                raise FayanError(Problem("键必须是文字，不能是列表或映射。", file, *_at(mark)))
            key = "" if value is None else str(value)
            if key in parent:
                first = parent.key_marks[key]
                raise FayanError(Problem(f"键“{key}”重复出现（第一次在第 {first.line} 行），请删去其中一个。",
                                         file, *_at(mark)))
            frame[4], frame[5] = key, mark
        else:
            key = frame[4]
            parent[key] = value
            parent.key_marks[key] = _mark(frame[5])
            parent.value_marks[key] = _mark(mark)
            frame[4] = _KEY


def _scalar(loader: Any, event: Any, file: str) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        if event.implicit[1] and not event.implicit[0]:  # quoted: a string
            return event.value
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    elif tag not in _SCALAR_TAGS:
        raise FayanError(Problem(f"YAML 格式有误：不支持标签“{tag}”，请去掉“!”开头的标记。",
                                 file, *_at(event.start_mark)))
    if tag == _STR or tag not in loader.yaml_constructors:
        # “<<” (merge) as a key is refused by the caller, and “=” (value) means nothing to a safe
        # loader: as a value, each is text
        return event.value
    if tag == _TAG + "int" and len(event.value) > MAX_INT_DIGITS:
        raise FayanError(Problem(f"整数太长（{len(event.value)} 位），最多 {MAX_INT_DIGITS} 位。"
                                 "请改小；若是文字，请加引号。", file, *_at(event.start_mark)))
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return loader.yaml_constructors[tag](loader, node)
    except (ValueError, OverflowError, ArithmeticError, yaml.YAMLError):
        raise FayanError(Problem(f"“{event.value[:40]}”不是有效的{_TAG_NAMES.get(tag, '值')}。若是文字，请加引号。",
                                 file, *_at(event.start_mark))) from None


_TAG_NAMES = {_TAG + "int": "整数", _TAG + "float": "数字", _TAG + "bool": "是非值（true 或 false）",
              _TAG + "timestamp": "日期", _TAG + "null": "空值"}


_YAML_HINT = "请检查缩进（只用空格）以及冒号后是否留了一个空格。"

_YAML_REASONS = {
    "mapping values are not allowed here": "此处不能出现“键: 值”，可能是缩进不对或值里有未加引号的冒号",
    "found character '\\t' that cannot start any token": "出现了制表符（Tab），YAML 只能用空格缩进",
    "found character": "出现了 YAML 不能用作开头的符号（如 @ ` % ），请给这个值加引号",
    "could not find expected ':'": "找不到应有的冒号“:”",
    "found undefined alias": "引用了未定义的锚点",
    "expected <block end>, but found '-'": "列表项“-”的缩进与上文不一致",
    "expected <block end>": "缩进与上文不一致",
    "found unexpected end of stream": "引号没有闭合",
    "found unknown escape character": "双引号里的反斜杠“\\”后面跟了不认识的字符，请写成两个反斜杠或改用单引号",
    "expected ',' or ']'": "方括号“[ ]”里的列表没有闭合，或缺了逗号",
    "expected ',' or '}'": "花括号“{ }”里的映射没有闭合，或缺了逗号",
    "did not find expected key": "这里应是一个“键: 值”，可能是缩进不对",
    "did not find expected '-' indicator": "这里应是一个列表项“- ”，可能是缩进不对",
    "did not find expected node content": "这里缺少内容",
    "did not find expected <document start>": "这里应是新的一份文档（“---”）",
    "did not find expected comment or line break": "这行的值后面多出了内容",
    "did not find expected alphabetic or numeric character": "锚点或别名的名字不对",
    "did not find expected tag URI": "标签写法不对",
    "found unexpected ':'": "出现了多余的冒号",
    "found a tab character": "出现了制表符（Tab），YAML 只能用空格缩进",
    "found incompatible YAML document": "YAML 版本不受支持",
    "found duplicate anchor": "锚点名字重复",
    "block sequence entries are not allowed in this context": "这里不能开始一个列表项“- ”，可能是缩进不对",
    "expected the node content": "这里缺少内容",
    "expected a comment or a line break": "这行的值后面多出了内容",
    "expected a single document": "一个文件只能写一份 YAML 文档",
    "exceeded maximum nesting depth": f"嵌套太深（超过 {MAX_DEPTH} 层），请检查括号是否成对、缩进是否对齐",
}


def _yaml_reason(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's reason in Chinese; never its English."""
    problem = (exc.problem or "").strip()
    for key, zh in _YAML_REASONS.items():
        if problem.startswith(key):
            return zh
    return "无法读出这里的内容"


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
    "float_type": "{name}应是数字。",
    "float_parsing": "{name}应是数字，不能是“{input}”。",
    "string_too_long": "{name}最多 {max_length} 个字。",
    "extra_forbidden": "{name}是不认识的键，请删去。",
    "none_required": "{name}应留空。",
    "string_unicode": "{name}应是一段文字。",
    "int_from_string": "{name}应是整数。",
    "date_type": "{name}应是日期（如 2024-06-30）。",
    "date_parsing": "{name}应是日期（如 2024-06-30），不能是“{input}”。",
    "union_tag_invalid": "{name}的写法不对，请参照示例。",
    "set_type": "{name}应是列表。",
    "tuple_type": "{name}应是列表。",
}
_UNKNOWN = "{name}的值不合要求，请参照示例修改。"


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
    if kind.startswith("value_error") or kind == "assertion_error":
        msg = str(ctx.get("error", "")) or err["msg"]
        if kind.startswith("value_error") and msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        if not _HAN.search(msg):  # pydantic's own English, never shown
            msg = _UNKNOWN.format(name="")
        text = f"{name}：{msg}" if name else msg
    else:
        inp = err.get("input")
        inp = "…" if isinstance(inp, (dict, list)) else str(inp)[:40] + ("…" if len(str(inp)) > 40 else "")
        try:
            text = (template or _UNKNOWN).format(name=name or "内容", input=inp, **ctx)
        except (KeyError, IndexError, ValueError):
            text = _UNKNOWN.format(name=name or "内容")
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
