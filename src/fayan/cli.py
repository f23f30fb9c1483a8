"""The command line. Each command is a few lines over the API; this is the only module that
prints or writes files."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from pathlib import Path

import click

from . import __version__
from .errors import FayanError, OutputError, Problem
from .writers import FORMATS, TEXT_FORMATS, format_for_path

# Each command imports what it needs: `fayan check` does not wait for the composer to load.

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(problems: list[Problem], code: int = 2) -> None:
    for p in problems:
        click.echo(f"{p}", err=True)
    sys.exit(code)


class _Formatter(click.HelpFormatter):
    """click's help in Chinese: 用法、选项、命令."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
        super().write_usage(prog, args, prefix="用法：")

    def write_heading(self, heading: str) -> None:
        heading = {"Options": "选项", "Commands": "命令"}.get(heading, heading)
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


class _Context(click.Context):
    formatter_class = _Formatter


class _Chinese:
    """Chinese help context and help-option text, for commands and groups alike."""

    context_class = _Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option


class _Command(_Chinese, click.Command):
    pass


# click's usage errors, reworded; anything not listed keeps click's own words
_USAGE_MESSAGES = [
    (r"Missing argument '(.+)'\.", r"缺少参数“\1”。"),
    (r"No such option:? '?([^' ]+)'?\.?(?: Did you mean '?([^' ?]+)'?\?)?", r"没有选项“\1”。"),
    (r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?| \(Did you mean one of: (.+?)\?\))?", r"没有命令“\1”。"),
    (r"Option '(.+)' requires an argument\.", r"选项“\1”后面要跟一个值。"),
    (r"Got unexpected extra arguments? \((.+)\)", r"多出了参数：\1。"),
    (r"Invalid value for '(.+?)': '(.*?)' is not a valid integer(?: range)?\.", r"“\1”的值应是整数，不能是“\2”。"),
    (r"Invalid value for '(.+?)': (.+?) is not in the range (.+)\.", r"“\1”的值 \2 超出范围 \3。"),
    (r"Invalid value for '(.+?)': '(.*?)' is not one of (.+)\.", r"“\1”的值只能是 \3 之一，不能是“\2”。"),
    (r"Invalid value for '(.+?)': (.+)", r"“\1”的值\2。"),
]


def _usage_message(message: str) -> str:
    import re
    for pattern, zh in _USAGE_MESSAGES:
        m = re.fullmatch(pattern, message.strip())
        if m:
            text = m.expand(zh).replace("' / '", " / ").replace("'", "")
            close = next((g for g in m.groups()[1:] if g), None) if "Did you mean" in message else None
            if not close:
                return text
            names = close.replace("'", "").split(", ")
            return text + (f"是“{'”还是“'.join(names)}”？" if len(names) > 1 else f"是不是“{names[0]}”？")
    return message


class _Group(_Chinese, click.Group):
    """Chinese help and usage errors; every FayanError becomes its messages and exit status 2,
    with no traceback."""

    command_class = _Command
    group_class = type  # sub-groups are _Group too

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except FayanError as exc:
            _fail(exc.problems)

    def main(self, *args, **kwargs):  # type: ignore[override]
        from . import console
        try:
            try:
                code = self._main(*args, **kwargs)
            finally:  # a full disk shows when the last output is flushed: here, not at exit
                if sys.stdout is not None:
                    sys.stdout.flush()
        except (click.Abort, KeyboardInterrupt):
            console.interrupted()
        except BrokenPipeError:
            console.broken_pipe()
        except FayanError as exc:
            _fail(exc.problems)
        except OSError as exc:  # every file is written by _write_atomic: this is standard output
            _silence_stdout()
            what = "标准输出已关闭" if exc.errno == errno.EBADF else _os_reason(exc)
            click.echo(f"写不出结果（标准输出）：{what}。请把输出重定向到能写的地方，或用 -o 写入文件。", err=True)
            sys.exit(2)
        sys.exit(code)

    def _main(self, *args, **kwargs) -> int:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as exc:
            if exc.ctx is not None:
                click.echo(exc.ctx.get_usage(), err=True)
                click.echo(f"用 “{exc.ctx.command_path} -h” 查看帮助。\n", err=True)
            click.echo(f"错误：{_usage_message(exc.format_message())}", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"错误：{exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        return code if isinstance(code, int) else 0


def _silence_stdout() -> None:
    """Standard output failed (a full disk): what is still buffered goes nowhere, so Python
    does not fail a second time, with a traceback, when it flushes at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _os_reason(exc: OSError) -> str:
    from .reader import os_reason
    return os_reason(exc)


class _Count(click.ParamType):
    """A whole number from ``low`` up to ``high``, refused in Chinese (a 5,000-digit number
    too, which Python's int() refuses with a traceback-worthy English message)."""

    name = "integer"

    def __init__(self, low: int, high: int, what: str):
        self.low, self.high, self.what = low, high, what

    def convert(self, value, param, ctx):  # type: ignore[override]
        if isinstance(value, int):
            return value
        text = str(value).strip()
        shown = text if len(text) <= 20 else text[:20] + "……"
        if not (text.isascii() and text.lstrip("+-").isdigit()):
            self.fail(f"应是整数（{self.what}，{self.low} 到 {self.high}），不能是“{shown}”", param, ctx)
        if len(text) > len(str(self.high)) + 1 or not self.low <= int(text) <= self.high:
            self.fail(f"应是 {self.low} 到 {self.high} 之间的整数（{self.what}），不能是“{shown}”", param, ctx)
        return int(text)


def _user_dirs(option: str):
    return click.option(option, "user_" + option.strip("-"), multiple=True,
                        type=click.Path(file_okay=False), metavar="DIR",
                        help=("自己的模板目录，覆盖同名内置模板（可多次给出；也可用环境变量 FAYAN_TEMPLATES）"
                              if option == "--templates" else
                              "自己的句库目录，同编号的句子覆盖内置的（可多次给出；也可用环境变量 FAYAN_PHRASEBANK）"))


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="fayan", message="%(prog)s %(version)s",
                      help="显示版本号并退出。")
def main() -> None:
    """fayan（发言）：从简短的 YAML 提纲起草研讨发言、心得体会、交流材料，导出符合 GB/T 9704 版式的 Word 文档。

    \b
    常用：
      fayan templates                      看有哪些模板
      fayan new yantao-fayan > 提纲.yaml   生成一份带注释的提纲
      fayan draft 提纲.yaml -o 初稿.docx   起草并导出 Word
      fayan draft 提纲.yaml -o -           在屏幕上预览（Markdown）
    """


@main.command("draft")
@click.argument("brief", metavar="提纲.yaml")
@click.option("-o", "--output", metavar="文件", help="输出文件；扩展名决定格式（.docx .md .txt .json）；“-”表示输出到屏幕。不写则在当前目录生成与提纲同名的 .docx")
@click.option("-f", "--format", "fmt", type=click.Choice(list(FORMATS)), help="输出格式，优先于扩展名")
@click.option("--seed", type=_Count(0, 2**64 - 1, "随机种子"), metavar="N", help="随机种子，覆盖提纲中的“种子”；换一个数换一批句子")
@click.option("--length", type=click.IntRange(300, 30000), metavar="N", help="正文目标字数，覆盖提纲中的“字数”")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖")
@click.option("--reference-doc", "reference_doc", metavar="文件.docx",
              help="用自己的 Word 文档的样式和页面设置（如单位的公文模板），同 pandoc 的 --reference-doc")
@click.option("--annotate", is_flag=True, help="在 Word 中为每个生成的段落加批注：句子编号和两种可替换的说法")
@_user_dirs("--templates")
@_user_dirs("--phrasebank")
def draft_cmd(brief: str, output: str | None, fmt: str | None, seed: int | None, length: int | None,
              force: bool, reference_doc: str | None, annotate: bool,
              user_templates: tuple[str, ...], user_phrasebank: tuple[str, ...]) -> None:
    """按提纲起草一篇发言稿。提纲为“-”时从标准输入读取。"""
    from .api import draft, render
    from .brief import load_brief, parse_brief
    from .phrasebank import load_phrasebank
    from .skeleton import load_skeleton
    b = parse_brief(_read_stdin(), "<stdin>") if brief == "-" else load_brief(brief)
    output, fmt = _target(output, fmt, "初稿" if brief == "-" else Path(brief).stem, force)
    if annotate and fmt != "docx":
        raise OutputError(Problem(f"--annotate 只用于 Word（.docx）输出，现在的格式是 {fmt}。"))
    options = _reference_options(reference_doc, fmt)

    skeleton = load_skeleton(b.template, list(user_templates), where=b.where("template"))
    bank = load_phrasebank(list(user_phrasebank))
    doc = draft(b, seed=seed, length=length, skeleton=skeleton, bank=bank)
    if annotate:
        from .annotate import notes
        options["notes"] = notes(doc, b, skeleton, bank)
    data = render(doc, fmt, **options)
    for warning in doc.meta.get("warnings", []):
        click.echo(f"提示：{warning}", err=True)
    _deliver(data, output)
    stats = doc.stats()
    where = "" if output == "-" else f"已写入 {output}："
    click.echo(f"{where}模板 {doc.meta['template']}，种子 {doc.meta['seed']}，正文 {stats['chars']} 字"
               f"（目标 {doc.meta['target']}），约讲 {stats['minutes']} 分钟。", err=True)


def _read_stdin() -> bytes:
    """Standard input, for “-”, as the reading layer reads it (size cap); refused with a message
    when the shell closed it (`<&-`)."""
    from .reader import read_stream
    if sys.stdin is None:
        raise OutputError(Problem("标准输入已关闭，读不到提纲。请给出提纲文件名，或用 < 提纲.yaml 从文件输入。", "<stdin>"))
    return read_stream(getattr(sys.stdin, "buffer", None), "<stdin>", error=OutputError)


def _target(output: str | None, fmt: str | None, stem: str, force: bool) -> tuple[str, str]:
    """(output file or “-”, format): the format from --format or the extension; without -o, a
    .docx named ``stem`` in the current directory. An existing file is refused unless --force,
    before any work is done."""
    fmt = fmt or (format_for_path(output) if output and output != "-" else None)
    if fmt is None:
        if output and output != "-":
            raise OutputError(Problem(f"看不出“{output}”是什么格式：请用 .docx .md .txt .json 扩展名，或加 --format。"))
        fmt = "md" if output == "-" else "docx"
    if output is None:
        output = stem + FORMATS[fmt]
    if output == "-" and fmt not in TEXT_FORMATS and sys.stdout.isatty():
        raise OutputError(Problem("Word 文档不能直接显示在屏幕上：请用 -o 文件名.docx，或 --format md 预览。"))
    if output != "-":
        _refuse_overwrite(output, force)
    return output, fmt


def _reference_options(reference_doc: str | None, fmt: str) -> dict[str, object]:
    """The docx writer's options for --reference-doc (none without it)."""
    if not reference_doc:
        return {}
    if fmt != "docx":
        raise OutputError(Problem(f"--reference-doc 只用于 Word（.docx）输出，现在的格式是 {fmt}。"))
    try:
        reference = Path(reference_doc).read_bytes()
    except OSError as exc:
        raise OutputError(Problem(f"读不到参考文档：{exc.strerror}。", reference_doc)) from None
    return {"reference": reference, "reference_name": reference_doc}


def _deliver(data: str | bytes, output: str) -> None:
    """Standard output for “-”, else the file, written atomically."""
    if output != "-":
        _write_atomic(Path(output), data)
    elif isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        click.echo(data, nl=False)


@main.command("format")
@click.argument("speech", metavar="讲话")
@click.option("-o", "--output", metavar="文件", help="输出文件；扩展名决定格式（.docx .md .txt .json）；“-”表示输出到屏幕。不写则在当前目录生成“讲话名.formatted.docx”")
@click.option("-f", "--format", "fmt", type=click.Choice(list(FORMATS)), help="输出格式，优先于扩展名")
@click.option("--fix", is_flag=True, help="同时改正 fayan check --fix 能改的机械性问题（标点、省略号、破折号、引号）")
@click.option("--strip-noise", "strip_noise", is_flag=True, help="去掉网页残留的行（##paidbegin##、此处隐藏…字、来源/发表时间）")
@click.option("--reference-doc", "reference_doc", metavar="文件.docx",
              help="用自己的 Word 文档的样式和页面设置（如单位的公文模板），同 fayan draft")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖")
def format_cmd(speech: str, output: str | None, fmt: str | None, fix: bool, strip_noise: bool,
               reference_doc: str | None, force: bool) -> None:
    """一键排版：把写好的讲话稿（.txt .md .docx；UTF-8 或 GBK）排成 GB/T 9704 版式的 Word 文档。

    \b
    标题、副标题、称呼、各级标题（一、 （一） 1. （1）；“第一，”“一是”接段首）、正文、结尾、页码，
    全用命名样式；文字一字不改、一字不添，除非加 --fix 或 --strip-noise。
    fayan format 讲话.txt -o 讲话.docx
    fayan format 讲话.docx -o 排版后.docx --fix --strip-noise
    """
    from .api import format_speech, render
    from .reader import MAX_SPEECH_BYTES, read_file
    raw = read_file(speech, what="讲话稿", limit=MAX_SPEECH_BYTES)
    output, fmt = _target(output, fmt, Path(speech).stem + ".formatted", force)
    options = _reference_options(reference_doc, fmt)
    doc = format_speech(speech, raw=raw, fix=fix, strip_noise=strip_noise)
    _deliver(render(doc, fmt, **options), output)
    stats = doc.stats()
    where = "" if output == "-" else f"已写入 {output}："
    click.echo(f"{where}{stats['paragraphs']} 段，{stats['parts']} 个小标题，正文 {stats['chars']} 字。", err=True)


def _refuse_overwrite(output: str, force: bool) -> None:
    """An existing file is kept unless --force, and a place that cannot take a file (under a
    file, in a folder fayan may not create or write) is refused: both checked before any work
    is done."""
    path = Path(output)
    if path.is_dir():
        raise OutputError(Problem("这是一个文件夹，不能当输出文件。请在后面加上文件名，如 文件夹/初稿.docx。", output))
    if (path.exists() or path.is_symlink()) and not force:
        raise OutputError(Problem("文件已存在，未覆盖。要覆盖请加 --force，或换一个文件名。", output))
    _check_place(path)


def _check_place(path: Path) -> None:
    """The nearest folder that exists above ``path`` must be a folder fayan may write in (the
    missing ones are created when the file is written)."""
    parent = path.absolute().parent
    while not parent.exists() and parent != parent.parent:
        if parent.is_symlink():  # a link to nowhere
            break
        parent = parent.parent
    if parent.exists() and not parent.is_dir():
        raise OutputError(Problem(f"写不了：“{parent}”是一个文件，不是文件夹。请换一个输出位置（-o）。", str(path)))
    if parent.is_dir() and not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(Problem(f"写不了：没有在“{parent}”中写入的权限。请换一个输出位置（-o），或先改文件夹的权限。",
                                  str(path)))


def _write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place: a failed or
    interrupted run (Ctrl-C included) leaves nothing behind and never a half-written file.

    A symbolic link is written through (its target gets the new bytes, with its own
    permissions); missing folders are created. The temporary name is short
    (``.fayan-XXXXXXXX.tmp``), so an output name as long as the file system allows still
    works."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    directory = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    try:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".fayan-", suffix=".tmp", dir=directory)
        except OSError as exc:
            raise OutputError(Problem(f"无法在“{directory}”中写文件：{_os_reason(exc)}。请换一个输出位置。",
                                      str(path))) from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
            # mkstemp makes the file private (0600); give it the mode a plain open() would
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o777)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:
            raise OutputError(Problem(f"写文件失败：{_os_reason(exc)}。原来的文件（如有）未改动。", str(path))) from None
    finally:  # BaseException too: Ctrl-C between writing and renaming
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@main.group("templates", invoke_without_command=True)
@_user_dirs("--templates")
@click.pass_context
def templates_cmd(ctx: click.Context, user_templates: tuple[str, ...]) -> None:
    """列出可用的模板；“fayan templates show 模板名”看某个模板的结构。"""
    from .skeleton import list_skeletons
    ctx.obj = list(user_templates)
    if ctx.invoked_subcommand is None:
        skeletons = list_skeletons(ctx.obj)
        width = max(len(s.id) for s in skeletons)
        for s in skeletons:
            click.echo(f"{s.id:<{width}}  {s.name}（{s.genre}）")
        click.echo("\n用 fayan templates show 模板名 查看结构，fayan new 模板名 生成提纲。")


@templates_cmd.command("show")
@click.argument("name", metavar="模板名")
@click.pass_obj
def templates_show(user_templates: list[str], name: str) -> None:
    """显示一个模板的结构、变量和默认值。"""
    from .skeleton import load_skeleton
    s = load_skeleton(name, user_templates)
    click.echo(f"{s.name}（{s.id}）· 文种：{s.genre}")
    click.echo(s.description)
    if s.model:
        click.echo(f"范文：{s.model}")
    click.echo(f"默认字数：{s.length}；建议部分数：{s.sections[0]}–{s.sections[1]}；"
               f"开头称呼“同志们：”：{'是' if s.salutation else '否'}")
    click.echo("\n开头：" + " → ".join(m for para in s.opening for m in para))
    click.echo("正文：")

    def show(parts, depth: int) -> None:
        for part in parts:
            head = part.heading.frame if part.heading else "（无标题）"
            each = "［每个提纲部分一个］" if part.each else ""
            style = s.numbering[min(depth, len(s.numbering) - 1)]
            click.echo(f"{'  ' * (depth + 1)}{style}: {head}{each}{'（标题接段首）' if part.inline else ''}")
            for para in part.body:
                click.echo(f"{'  ' * (depth + 2)}段落：{' → '.join(para)}")
            show(part.children, depth + 1)

    show(s.parts, 0)
    click.echo("结尾：" + " → ".join(m for para in s.closing for m in para))
    if s.vars:
        click.echo("\n变量（可在提纲“变量”中修改）：")
        for k, v in s.vars.items():
            click.echo(f"  {k}: {v}")


@main.command("new")
@click.argument("name", metavar="模板名")
@_user_dirs("--templates")
def new_cmd(name: str, user_templates: tuple[str, ...]) -> None:
    """输出一份带注释的提纲，可直接起草：fayan new 模板名 > 提纲.yaml"""
    from .newbrief import new_brief
    from .skeleton import load_skeleton
    click.echo(new_brief(load_skeleton(name, list(user_templates))), nl=False)


@main.group("phrases", invoke_without_command=True)
@click.option("--function", "function", metavar="功能", help="按修辞功能筛选，可只写前缀（如 opening）")
@click.option("--theme", metavar="主题", help="按主题筛选（通用句子也列出）")
@click.option("--genre", metavar="文种", help="按文种筛选")
@click.option("--text", "text", metavar="文字", help="句中含有这些文字")
@_user_dirs("--phrasebank")
@click.pass_context
def phrases_cmd(ctx: click.Context, function: str | None, theme: str | None, genre: str | None,
                text: str | None, user_phrasebank: tuple[str, ...]) -> None:
    """浏览句库：列出句子，可按功能、主题、文种、文字筛选。

    \b
    fayan phrases --theme 廉政建设 --function section.lead
    fayan phrases show opening.turn.01      看一条句子的详情
    fayan phrases export --format json      导出整个句库，供其他工具使用
    """
    from .phrasebank import load_phrasebank
    ctx.obj = list(user_phrasebank)
    if ctx.invoked_subcommand is not None:
        return
    bank = load_phrasebank(ctx.obj)
    if theme:
        known = bank.theme_name(theme)
        if known is None:
            guess = bank.suggest_theme(theme)
            hint = f"是不是“{guess}”？" if guess else f"已知主题：{'、'.join(bank.themes)}。"
            raise OutputError(Problem(f"句库中没有主题“{theme}”。{hint}"))
        theme = known
    found = bank.search(function=function, theme=theme, genre=genre, text=text)
    for p in found:
        tags = "、".join(p.themes) or "通用"
        click.echo(f"{p.id}\t{p.function}\t{tags}\t{p.text}")
    click.echo(f"共 {len(found)} 条（句库共 {len(bank.phrases)} 条）。用 fayan phrases show 编号 看详情。", err=True)


@phrases_cmd.command("show")
@click.argument("phrase_id", metavar="编号")
@click.pass_obj
def phrases_show(user_phrasebank: list[str], phrase_id: str) -> None:
    """显示一条句子的功能、主题、文种、槽位、出处和来源文件。"""
    from .phrasebank import load_phrasebank
    bank = load_phrasebank(user_phrasebank)
    p = bank.phrases.get(phrase_id)
    if p is None:
        import difflib
        import re
        def bare(i: str) -> str:  # quote.3 and quote.03 are the same to a person
            return re.sub(r"(?<=\.)0+(?=\d)", "", i)
        close = [i for i in bank.phrases if bare(i) == bare(phrase_id)]
        close += difflib.get_close_matches(phrase_id, [i for i in bank.phrases if i not in close], n=3 - len(close))
        hint = f"是不是：{'、'.join(close)}？" if close else "用 fayan phrases 列出可用编号。"
        raise OutputError(Problem(f"句库中没有编号为“{phrase_id}”的句子。{hint}"))
    fn = bank.functions.get(p.function)
    click.echo(f"编号：{p.id}")
    click.echo(f"功能：{p.function}（{fn.name}）" if fn else f"功能：{p.function}")
    click.echo(f"主题：{'、'.join(p.themes) or '通用'}")
    click.echo(f"文种：{'、'.join(p.genres) or '各类'}")
    if p.slots:
        click.echo(f"槽位：{'、'.join(p.slots)}")
    if p.cite:
        click.echo(f"出处：{p.cite}")
    click.echo(f"来源：{p.source}")
    click.echo(f"文件：{bank.origin.get(p.id, '')}")
    click.echo(f"文字：{p.text}")


@phrases_cmd.command("export")
@click.option("-f", "--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="导出格式")
@click.pass_obj
def phrases_export(user_phrasebank: list[str], fmt: str) -> None:
    """把整个句库（句子、平行组、功能、主题）导出为 JSON，供其他工具使用。"""
    import json

    from .phrasebank import export, load_phrasebank
    click.echo(json.dumps(export(load_phrasebank(user_phrasebank)), ensure_ascii=False, indent=2))


@main.command("check")
@click.argument("files", nargs=-1, metavar="文件...")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="输出格式：text（文件:行:列: 级别 规则 说明）、json、github（GitHub Actions 注释）")
@click.option("--enable", multiple=True, metavar="规则", help="只运行这些规则（可多次给出）")
@click.option("--disable", multiple=True, metavar="规则", help="不运行这些规则（可多次给出）")
@click.option("--target", type=click.IntRange(min=100), metavar="N", help="目标字数：偏离 15% 以上报错")
@click.option("--formulations", multiple=True, metavar="文件", help="另加的规范提法文件（格式同内置的 formulations.yaml）")
@click.option("--framings", multiple=True, metavar="文件", help="另加的搭配不当条目文件（格式同内置的 framings.yaml）")
@click.option("--typos", multiple=True, metavar="文件", help="另加的别字条目文件（格式同内置的 typos.yaml）")
@click.option("--config", "config_path", metavar="文件", help="检查配置文件；默认读当前目录的 .fayan.yaml")
@click.option("--fix", is_flag=True, help="改正机械性问题（标点、引号、空格、别字、重字、标题序号、〇、年份起止），默认只显示差异")
@click.option("--write", is_flag=True, help="与 --fix 同用：改写 .txt/.md 原文件；.docx 另存为 原名.fixed.docx")
@click.option("--rules", "list_rules", is_flag=True, help="列出所有规则及其说明")
@click.option("-j", "--jobs", type=_Count(1, 1024, "进程数"), metavar="N",
              help="同时用几个进程（默认每个处理器核一个，不超过文件数）：文件多时分文件查，很长的文件分规则查")
@click.option("--force", is_flag=True, help="与 --fix --write 同用：原名.fixed.docx 已存在时覆盖")
def check_cmd(files: tuple[str, ...], fmt: str, enable: tuple[str, ...], disable: tuple[str, ...],
              target: int | None, formulations: tuple[str, ...], framings: tuple[str, ...],
              typos: tuple[str, ...], config_path: str | None, fix: bool,
              write: bool, list_rules: bool, jobs: int | None, force: bool) -> None:
    """校对发言稿（.txt .md .docx，也可以给目录）：标点、引号套用、空格、占位符、规范提法、别字、重字、搭配不当、序号、标题序号写法、数字与日期、重复、网页残留、字数。

    \b
    有错误时退出状态为 1，没有为 0，用法错误为 2。
    fayan check 初稿.docx --target 3000
    fayan check 讲话.txt --fix            显示可自动改正的差异
    fayan check 讲话.txt --fix --write    直接改正
    """
    from . import check as checker
    from .check.config import RuleOptions, load_config
    from .reader import read_source

    table = checker.rules()
    if list_rules:
        for rule_id, rule in table.items():
            click.echo(f"{rule_id}（默认级别 {rule.SEVERITY}）\n  {rule.DOC.strip().splitlines()[0]}")
        return
    if not files:
        raise OutputError(Problem("请给出要检查的文件，如 fayan check 初稿.docx；fayan check --rules 列出规则。"))
    if write and not fix:
        raise OutputError(Problem("--write 要和 --fix 一起用。"))
    config = load_config(config_path)
    for name in (*enable, *disable):
        if name not in table:
            raise OutputError(Problem(f"没有规则“{name}”。规则有：{'、'.join(table)}。"))
    enabled = [r for r in table if config.rules.get(r) != "disable"]
    enabled = [r for r in enabled if (not enable or r in enable) and r not in disable]
    options: dict[str, dict] = {r: o.model_dump(exclude_none=True) for r, o in config.rules.items()
                                if isinstance(o, RuleOptions)}
    if target:
        options.setdefault("length", {})["target"] = target
    options.setdefault("formulation", {})["files"] = [*config.formulations, *formulations]
    options.setdefault("framing", {})["files"] = [*config.framings, *framings]
    options.setdefault("typo", {})["files"] = [*config.typos, *typos]

    from .check.batch import check_files
    from .reader import speech_files
    names = speech_files(files)
    all_problems = []
    if fix and write:  # every file is checked before the first is written
        for name in names:
            if Path(name).suffix.lower() == ".docx":
                _refuse_overwrite(str(Path(name).with_suffix(".fixed.docx")), force)
            else:  # written in place, through a link to its target
                _check_place(Path(os.path.realpath(name)))
    if fix:
        for name in names:
            source = read_source(name)
            problems = checker.run(source, enabled, options)
            _fix_file(name, source, enabled, write)
            left = [p for p in problems if not p.fix and p.severity != "info"]
            all_problems += [(name, p) for p in left]
            if left:
                errors = sum(1 for p in left if p.severity == "error")
                click.echo(f"{name}：还有 {len(left)} 个问题（{errors} 个错误）要手工处理，"
                           f"运行 fayan check {name} 查看。", err=True)
    else:
        for name, problems in check_files(names, enabled, options, jobs):
            all_problems += [(name, p) for p in problems]
    if not fix:
        _report(all_problems, fmt)
    sys.exit(1 if any(p.severity == "error" for _, p in all_problems) else 0)


def _report(problems, fmt: str) -> None:
    import json
    if fmt == "json":
        click.echo(json.dumps([dict(p.to_dict(), file=f) for f, p in problems], ensure_ascii=False, indent=2))
        return
    for f, p in problems:
        if fmt == "github":
            level = {"error": "error", "warning": "warning", "info": "notice"}[p.severity]
            click.echo(f"::{level} file={f},line={p.line},col={p.column},title={p.rule}::{p.message}")
        else:
            click.echo(f"{f}:{p.line}:{p.column}: {p.severity} {p.rule} {p.message}")
    errors = sum(1 for _, p in problems if p.severity == "error")
    warnings = sum(1 for _, p in problems if p.severity == "warning")
    if fmt == "text":
        click.echo(f"{errors} 个错误，{warnings} 个警告。" + ("可用 --fix 自动改正标点、别字等机械性问题。" if errors else ""), err=True)


def _fix_file(name: str, source, enabled: list[str], write: bool) -> None:
    import difflib

    from .check import fix_text, fixing
    from .reader import Source, encode_like, mask_markdown, plain_text
    mechanical = fixing(enabled)

    def source_for(text: str) -> Source:
        return Source(mask_markdown(text) if source.kind == "md" else text, name, source.kind)

    if source.kind == "docx":
        from .writers.docx import rewrite_paragraphs
        fixed_text = fix_text(source.text, source_for, mechanical)
        target = Path(name).with_suffix(".fixed.docx")
    else:
        raw = Path(name).read_bytes()
        original = plain_text(raw)  # not masked: the fix is written back
        fixed_text = fix_text(original, source_for, mechanical)
        source = Source(original, name, source.kind)
        target = Path(name)
    if fixed_text == source.text:
        click.echo(f"{name}：没有可自动改正的问题。", err=True)
        return
    if not write:
        diff = difflib.unified_diff(source.text.splitlines(keepends=True), fixed_text.splitlines(keepends=True),
                                    fromfile=name, tofile=f"{name}（改正后）")
        click.echo("".join(diff), nl=False)
        return
    if source.kind == "docx":
        data = rewrite_paragraphs(Path(name).read_bytes(),
                                  lambda t: fix_text(t, lambda x: Source(x, name, "docx"), mechanical))
        _write_atomic(target, data)
    else:
        _write_atomic(target, encode_like(fixed_text, raw))
    click.echo(f"已改正并写入 {target}。", err=True)


@main.command("analyze")
@click.argument("file", metavar="文件")
@click.option("-f", "--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True,
              help="tree：提纲树；json：title、salutation、opening、sections、closing 等")
@click.option("--emit", type=click.Choice(["skeleton"]), help="skeleton：按这篇讲话的结构生成一个模板（YAML）")
@click.option("-o", "--output", metavar="文件", help="写入文件（默认输出到屏幕）")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖")
def analyze_cmd(file: str, fmt: str, emit: str | None, output: str | None, force: bool) -> None:
    """分析一篇讲话（.txt .md .docx）的结构：标题、称呼、开头、各级序号部分、结尾。

    \b
    fayan analyze 讲话.txt
    fayan analyze 讲话.docx --format json
    fayan analyze 讲话.txt --emit skeleton -o 模板/我的模板.yaml
    """
    import json

    if output and output != "-":
        _refuse_overwrite(output, force)
    from .analyze import analyze, outline
    from .learn import emit_skeleton
    from .reader import paragraphs, read_source
    structure = analyze(paragraphs(read_source(file)))
    if emit == "skeleton":
        text = emit_skeleton(structure, Path(file).stem)
    elif fmt == "json":
        text = json.dumps(structure.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = outline(structure) + "\n"
    _emit(text, output)


@main.command("harvest")
@click.argument("paths", nargs=-1, required=True, metavar="文件或目录...")
@click.option("-o", "--output", metavar="文件", help="写入句库文件（默认输出到屏幕）")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖")
def harvest_cmd(paths: tuple[str, ...], output: str | None, force: bool) -> None:
    """从一批讲话中收集句库候选（开头、转入正文、结尾、引语、平行标题、四字短语），附出现次数和来源。

    \b
    fayan harvest 往年讲话/ -o 学来的/bank.yaml
    fayan phrases --phrasebank 学来的/ --function quote
    """
    if output and output != "-":
        _refuse_overwrite(output, force)
    from .analyze import analyze
    from .learn import harvest
    from .reader import paragraphs, read_source, speech_files
    files = speech_files(paths)
    if not files:
        raise OutputError(Problem("没有找到可读的讲话文件（.txt .md .docx）。"))
    structures = [(Path(f).name, analyze(paragraphs(read_source(f)))) for f in files]
    _emit(harvest(structures), output)
    click.echo(f"已从 {len(files)} 篇讲话中收集句库候选。", err=True)


def _emit(text: str, output: str | None) -> None:
    if not output or output == "-":
        click.echo(text, nl=False)
        return
    _write_atomic(Path(output), text)  # refused before any work if it exists (analyze, harvest)
    click.echo(f"已写入 {output}", err=True)
