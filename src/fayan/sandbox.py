"""The little template language of phrases and frames, rendered in a bounded sandbox.

A phrase or frame is text with slots (``{{ topic }}``, ``{{ section.theme }}``), as
``schemas/phrasebank.schema.json`` and the README describe; conditions (``{% if place %}``), a
loop over the data, filters that do not grow text (``trim``, ``default``) and tests are allowed
as well. Everything else Jinja2 offers is refused when the text is compiled, with the line in
the text where it stands: ``{% include %}`` / ``import`` / ``extends`` / ``macro`` / ``set``,
calls, Jinja's globals (``range``, ``cycler``, ``lipsum``, ``joiner``, ``namespace``), names that
begin with ``_``. Rendering is bounded too: a loop runs at most :data:`LOOP_MOST` times a text,
a number has at most :data:`NUMBER_BITS` bits, a string made by ``*`` or ``+`` and the text
rendered at most :data:`OUTPUT_MOST` characters, and only text and numbers are written (never a
Python object's repr).

Text learned from a speech enters a skeleton or bank through :func:`literal`, which keeps its
``{{``, ``{%`` and ``{#`` as they are. Pure: no I/O.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from .errors import Problem

OUTPUT_MOST = 20_000
"""Characters one phrase or frame may render to (the longest shipped phrase has a few hundred)."""
LOOP_MOST = 10_000
"""Loop iterations in one rendering of one text, nested loops counted together."""
NUMBER_BITS = 4_096
"""Bits a number made by ``*`` or ``**`` may have."""

_LITERAL = re.compile(r"\{(?=[{%#])")


def literal(text: str) -> str:
    """``text`` as a phrase or frame that renders to exactly ``text``: every ``{`` that would
    open a Jinja tag (``{{``, ``{%``, ``{#``) is written as the expression ``{{ '{' }}``."""
    return _LITERAL.sub("{{ '{' }}", text)


class TemplateProblem(Exception):
    """What is wrong with a text, in Chinese, and the 1-based line inside the text (or None)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def at(self, said: str, where: tuple[Any, ...]) -> Problem:
        """A problem saying ``said`` at ``where`` (file, line, column of the text's start),
        moved down to this problem's line in the text where that is known (the column then no
        longer applies)."""
        file, start, column = (tuple(where) + (None, None, None))[:3]
        if start is not None and self.line is not None and self.line > 1:
            return Problem(said, file, start + self.line - 1, None)
        return Problem(said, file, start, column)


_ALLOWED = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.If, nodes.For,
    nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Slice, nodes.Const, nodes.Concat, nodes.CondExpr,
    nodes.Compare, nodes.Operand, nodes.And, nodes.Or, nodes.Not, nodes.Neg, nodes.Pos,
    nodes.BinExpr, nodes.Filter, nodes.Test, nodes.List, nodes.Tuple, nodes.Keyword,
)
_FILTERS = ("trim", "upper", "lower", "capitalize", "title", "default", "d", "first", "last", "length",
            "count", "string", "int", "float", "abs", "round")
"""Filters that never make a text longer than what they are given."""
_GLOBALS = ("range", "cycler", "lipsum", "joiner", "namespace", "dict", "self", "caller", "varargs", "kwargs")
_REFUSED = {
    nodes.Include: "不能用 {% include %} 引入别的文件",
    nodes.Import: "不能用 {% import %} 引入别的文件",
    nodes.FromImport: "不能用 {% from … import %} 引入别的文件",
    nodes.Extends: "不能用 {% extends %} 继承别的文件",
    nodes.Block: "不能用 {% block %}",
    nodes.Macro: "不能用 {% macro %} 定义宏",
    nodes.CallBlock: "不能用 {% call %}",
    nodes.Call: "不能调用函数（写成“名(…)”的写法）",
    nodes.Assign: "不能用 {% set %} 赋值",
    nodes.AssignBlock: "不能用 {% set %} 赋值",
    nodes.FilterBlock: "不能用 {% filter %}",
    nodes.With: "不能用 {% with %}",
}
_WHAT_TO_DO = "句子和框架里只能写槽位（如 {{ topic }}、{{ section.theme }}）和简单的 {% if %}；要原样写出“{{”，请写成 {{ '{' }}{。"


def check(tree: nodes.Template) -> None:
    """Raise :class:`TemplateProblem` for the first construct the format does not allow."""
    for node in tree.find_all(nodes.Node):
        line = getattr(node, "lineno", None)
        refused = next((msg for kind, msg in _REFUSED.items() if isinstance(node, kind)), None)
        if refused is None and not isinstance(node, _ALLOWED):
            refused = f"不能用 Jinja 的“{type(node).__name__}”写法"
        if isinstance(node, nodes.Name) and (node.name in _GLOBALS or node.name.startswith("_")):
            refused = f"“{node.name}”不是槽位名，不能在句子和框架里使用"
        elif isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            refused = f"不能取以“_”开头的属性“{node.attr}”"
        elif isinstance(node, nodes.Filter) and node.name not in _FILTERS:
            refused = f"不能用过滤器“{node.name}”（可用：{'、'.join(_FILTERS)}）"
        elif isinstance(node, nodes.For) and node.recursive:
            refused = "不能用递归循环（recursive）"
        if refused:
            raise TemplateProblem(f"{refused}。{_WHAT_TO_DO}", line)


def _describe_syntax(exc: jinja2.TemplateSyntaxError) -> str:
    text = exc.message or ""
    m = re.search(r"unknown tag '(\w+)'", text)
    if m:
        return f"不认识的标签“{{% {m.group(1)} %}}”"
    if "looking for the following tags" in text:
        return "{% if %} 或 {% for %} 没有结束（缺 {% endif %} / {% endfor %}）"
    if "unexpected end of template" in text.lower():
        return "{{ }} 或 {% %} 写得不完整或不配对（缺 }} 或 %}）"
    if "Exceeds the limit" in text or "integer string conversion" in text:
        return "数字太长"
    return "{{ }} 或 {% %} 写得不完整或不配对"


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja2's sandbox with no globals, few filters, bounded numbers, strings and loops, and
    attribute access that reads mappings only (``section.theme``, never ``section.items``)."""

    intercepted_binops = frozenset(["*", "**", "+", "-", "/", "//", "%"])

    def __init__(self) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=False, finalize=_finalize)
        self.globals.clear()
        self.filters = {k: v for k, v in self.filters.items() if k in _FILTERS}
        self.filters["_bounded"] = _bounded

    def is_safe_callable(self, obj: Any) -> bool:
        return False

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return self.undefined(obj=obj, name=attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, dict):
            return obj[argument] if argument in obj else self.undefined(obj=obj, name=argument)
        if isinstance(obj, (str, list, tuple)) and isinstance(argument, (int, slice)):
            try:
                return obj[argument]
            except IndexError:
                pass
        return self.undefined(obj=obj, name=str(argument))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        try:
            result = super().call_binop(context, operator, left, right)
        except ZeroDivisionError:
            raise TemplateProblem("除数为零") from None
        except OverflowError:
            raise TemplateProblem("数字太大") from None
        if isinstance(result, (str, list)) and len(result) > OUTPUT_MOST:
            raise TemplateProblem(f"拼出的文字超过 {OUTPUT_MOST} 字")
        return result


def _bits(n: Any) -> float:
    if isinstance(n, bool) or not isinstance(n, int):
        return 64.0
    return float(abs(n).bit_length())


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(n, int):
                if len(seq) * max(n, 0) > OUTPUT_MOST:
                    raise TemplateProblem(f"重复出的文字超过 {OUTPUT_MOST} 字")
                return
        if _bits(left) + _bits(right) > NUMBER_BITS:
            raise TemplateProblem("数字太大")
    elif (operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float))
          and right > 0 and abs(left) > 1 and right * math.log2(abs(left)) > NUMBER_BITS):
        raise TemplateProblem("数字太大")


def _finalize(value: Any) -> Any:
    if isinstance(value, (str, int, float, jinja2.Undefined)):
        return value
    raise TemplateProblem("这里只能写出文字或数字，不能写出一组值或对象（请写到具体的项，如 {{ section.theme }}）")


@jinja2.pass_eval_context
def _bounded(eval_ctx: Any, value: Any) -> Any:
    """A loop's items, counted against the text's budget of :data:`LOOP_MOST` iterations."""
    if isinstance(value, jinja2.Undefined):
        iter(value)  # StrictUndefined: says what is missing
    for item in value:
        eval_ctx.fayan_steps = getattr(eval_ctx, "fayan_steps", 0) + 1
        if eval_ctx.fayan_steps > LOOP_MOST:
            raise TemplateProblem(f"循环超过 {LOOP_MOST} 次")
        yield item


ENV = BoundedEnvironment()


def parse(text: str) -> nodes.Template:
    """The checked syntax tree of ``text``; raise :class:`TemplateProblem` where it is wrong."""
    try:
        tree = ENV.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"{_describe_syntax(exc)}。{_WHAT_TO_DO}", exc.lineno) from None
    except (ValueError, RecursionError, MemoryError):
        raise TemplateProblem(f"无法读懂其中的 {{{{ }}}} 或 {{% %}}。{_WHAT_TO_DO}", None) from None
    check(tree)
    return tree


@lru_cache(maxsize=4096)
def compiled(text: str) -> jinja2.Template:
    """``text`` checked and compiled, each loop's items counted (:func:`_bounded`)."""
    tree = parse(text)
    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Filter(loop.iter, "_bounded", [], [], None, None, lineno=loop.lineno)
    try:
        return ENV.from_string(tree)
    except jinja2.TemplateSyntaxError as exc:  # pragma: no cover - parse() has caught these
        raise TemplateProblem(f"{_describe_syntax(exc)}。{_WHAT_TO_DO}", exc.lineno) from None


_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'|no element '?([^']+?)'?$")


def render(text: str, ctx: dict[str, Any]) -> str:
    """``text`` rendered with ``ctx``; raise :class:`TemplateProblem` in Chinese where it
    cannot be (a name with no value, a limit passed)."""
    template = compiled(text)
    out: list[str] = []
    size = 0
    try:
        for chunk in template.generate(ctx):
            size += len(chunk)
            if size > OUTPUT_MOST:
                raise TemplateProblem(f"生成的文字超过 {OUTPUT_MOST} 字")
            out.append(chunk)
    except jinja2.UndefinedError as exc:
        m = _UNDEFINED.search(exc.message or "")
        name = next((g for g in m.groups() if g), None) if m else None
        what = f"“{name}”" if name else "用到的名字"
        raise TemplateProblem(f"{what}没有值：提纲和模板都没有给出它。请检查 {{{{ }}}} 里的槽位名是否写对。",
                              _line_of(exc)) from None
    except jinja2.sandbox.SecurityError:
        raise TemplateProblem(f"用到了不允许的写法。{_WHAT_TO_DO}") from None
    except TemplateProblem as exc:
        if exc.line is None:
            exc.line = _line_of(exc)
        raise
    except (TypeError, ValueError, OverflowError, ZeroDivisionError, RecursionError, MemoryError):
        raise TemplateProblem("其中的运算无法完成（类型不符或数字太大）。") from None
    return "".join(out)


def _line_of(exc: BaseException) -> int | None:
    """The line in the text of the frame a rendering error came from, as Jinja records it."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
