"""Read a speech from .txt, .md or .docx into plain text that keeps its positions.

Text files are decoded as a Chinese user's tools save them (UTF-8 with or without BOM, GBK/
GB18030); line endings become ``\\n``. In Markdown, syntax (``#`` headings, ``**`` emphasis,
``>`` quotes, HTML tags) is blanked with spaces so that every column still points at the
file. A .docx gives one line a paragraph: “line” means paragraph number there.

Every input fayan reads — brief, template, phrase bank, check configuration, formulation,
framing and typo files, speech, standard input — comes in through :func:`read_file` or
:func:`read_stream`: what is not a regular file (a folder, a FIFO, a device) is refused before
it is read, no more than a limit is read (:data:`MAX_YAML_BYTES`, :data:`MAX_SPEECH_BYTES`),
and the OS's errors become Chinese messages naming the file. Decoding is strict
(``yamlio.decode``): bytes that are not text give the line and column of the first bad byte.

This is the only module besides the docx writer that imports python-docx.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FayanError, Problem
from .yamlio import decode

MAX_YAML_BYTES = 8 << 20
"""Largest brief, template, phrase-bank, configuration or data file read: 8 MB (the largest
shipped file is 60 KB; a brief is one)."""

MAX_SPEECH_BYTES = 50 << 20
"""Largest speech read (.txt .md .docx): 50 MB, a few years' collected speeches in one file."""

_OS_REASONS = {
    errno.ENOENT: "找不到这个文件或文件夹", errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
    errno.EACCES: "没有权限", errno.EPERM: "不允许这样操作", errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ELOOP: "符号链接绕成了圈", errno.ENAMETOOLONG: "文件名太长",
    errno.ENXIO: "这不是普通文件（是设备或套接字）", errno.EIO: "读写出错（磁盘或设备故障）",
    errno.ENOSPC: "磁盘已满", errno.EDQUOT: "超出磁盘配额", errno.EROFS: "这是只读的文件系统",
    errno.EEXIST: "已有同名文件", errno.EBADF: "文件已关闭", errno.EXDEV: "不在同一个磁盘上",
}


def os_reason(exc: OSError) -> str:
    """The operating system's reason, in Chinese (its own words are English)."""
    return _OS_REASONS.get(exc.errno or 0, f"系统错误（错误号 {exc.errno}）")


def os_problem(exc: OSError, file: str, what: str = "文件") -> Problem:
    """An OSError as a Chinese problem naming the file: never the OS's English."""
    return Problem(f"读不到{what}：{os_reason(exc)}。请检查路径和权限。", file)


def read_file(path: str | Path, *, what: str = "文件", limit: int = MAX_YAML_BYTES,
              error: type[FayanError] = FayanError) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them. A folder, a FIFO, a device, a
    missing or unreadable file, or one larger than ``limit`` raises ``error`` naming it; a FIFO
    is opened without waiting for a writer and never read."""
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM) and os.path.isdir(path):  # Windows opens no folder
            raise error(Problem(f"这是一个文件夹，不是{what}。请给出文件。", name)) from None
        raise error(os_problem(exc, name, what)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise error(Problem(f"这是一个文件夹，不是{what}。请给出文件。", name))
        if not stat.S_ISREG(mode):
            raise error(Problem(f"这不是普通文件（是管道、设备或套接字），不能作为{what}读取。"
                                "请给出保存在磁盘上的文件。", name))
        if os.fstat(fd).st_size > limit:
            raise error(_too_large(name, what, limit))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise error(os_problem(exc, name, what)) from None
    finally:
        os.close(fd)
    if size > limit:  # it grew while read
        raise error(_too_large(name, what, limit))
    return b"".join(chunks)


def read_stream(stream, name: str = "<stdin>", *, what: str = "标准输入", limit: int = MAX_YAML_BYTES,
                error: type[FayanError] = FayanError) -> bytes:
    """At most ``limit`` bytes of a binary stream (standard input's buffer); a closed or
    missing stream raises ``error``."""
    if stream is None:
        raise error(Problem(f"{what}已关闭，读不到内容。请用管道或“<”给出内容，或直接给出文件名。", name))
    try:
        data = stream.read(limit + 1)
    except (OSError, ValueError) as exc:  # ValueError: a closed file
        if isinstance(exc, OSError):
            raise error(os_problem(exc, name, what)) from None
        raise error(Problem(f"{what}已关闭，读不到内容。", name)) from None
    if len(data) > limit:
        raise error(_too_large(name, what, limit))
    return data


def _too_large(name: str, what: str, limit: int) -> Problem:
    return Problem(f"文件太大：{what}最多读 {limit >> 20} MB。请检查是否给错了文件，或把它分成几份。", name)

KINDS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".docx": "docx"}
_MD_SYNTAX = re.compile(r"^(\s{0,3}#{1,6}\s|\s{0,3}>\s?|\s{0,3}[-*+]\s)|\*\*|__|<[^>\n]{1,200}>", re.M)


@dataclass
class Source:
    """A speech's text with a map from offsets to (line, column), both 1-based."""

    text: str = field(repr=False)  # a speech, or a 10 MB collection: not for a repr
    file: str
    kind: str
    starts: list[int] = field(init=False, repr=False)
    """The offset at which each line begins (line 1 at 0)."""

    def __post_init__(self) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def speech_files(paths: list[str] | tuple[str, ...]) -> list[str]:
    """Files as given, and every .txt/.md/.docx below a directory, in a stable order; a path
    that does not exist is an error naming it."""
    out: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out += sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KINDS)
        elif path.exists():
            out.append(name)
        else:
            raise FayanError(Problem("找不到这个文件或目录。", name))
    return out


def mask_markdown(text: str) -> str:
    """Markdown syntax replaced by spaces of the same length: columns stay true."""
    return _MD_SYNTAX.sub(lambda m: " " * len(m.group(0)), text)


_MD_ESCAPE = re.compile(r"^(\s*)\\(?=[#>+*|\-\d])", re.M)


def strip_markdown(text: str) -> str:
    """Markdown syntax removed: the text a reader of the rendered page sees (``\\1.`` is ``1.``)."""
    return _MD_ESCAPE.sub(r"\1", _MD_SYNTAX.sub("", text))


def plain_text(data: bytes, file: str | None = None) -> str:
    """A text file's bytes as text: UTF-8 (with or without BOM) or GBK detected, every line
    ending a \n; bytes that are not text raise FayanError at the first bad byte."""
    return decode(data, file).lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_LINE_END = re.compile(r"\r\n|\r|\n")


def encode_like(text: str, original: bytes) -> bytes:
    """``text`` (lines ending in \n, as :func:`plain_text` gives them) saved as ``original``
    was: the same encoding, BOM and byte order (UTF-8, UTF-16LE/BE, GBK/GB18030), and each
    line ending as that line ended there (a file of mixed CRLF and LF stays mixed, CR alone
    stays CR). A fix written back changes the marks it fixes and nothing else."""
    bom, codec = next(((b, c) for b, c in _BOMS if original.startswith(b)), (b"", ""))
    body = original[len(bom):]
    if not codec:
        try:
            body.decode("utf-8")
            codec = "utf-8"
        except UnicodeDecodeError:
            codec = "gb18030"
    ends = _LINE_END.findall(body.decode(codec, "replace"))
    lines = text.split("\n")
    if len(ends) != len(lines) - 1:  # lines were joined or split: the commonest ending for all
        common = max(("\r\n", "\r", "\n"), key=ends.count) if ends else "\n"
        ends = [common] * (len(lines) - 1)
    out = "".join(line + end for line, end in zip(lines, [*ends, ""], strict=True))
    return bom + out.encode(codec)


def read_source(path: str | Path, raw: bytes | None = None, *, markdown: str = "mask") -> Source:
    """Read a .txt, .md or .docx file (other extensions are read as text). Markdown syntax is
    blanked so that columns stay true (``markdown="mask"``), or removed (``"strip"``)."""
    path = Path(path)
    kind = KINDS.get(path.suffix.lower(), "txt")
    data = raw if raw is not None else read_file(path, what="讲话稿", limit=MAX_SPEECH_BYTES)
    if kind == "docx":
        return Source(docx_text(data, str(path)), str(path), kind)
    text = plain_text(data, str(path))
    if kind == "md":
        text = strip_markdown(text) if markdown == "strip" else mask_markdown(text)
    return Source(text, str(path), kind)


UNPACKED_MOST = 64 << 20
"""Bytes a .docx may hold once unpacked (a speech or an office template is a few hundred KB)."""
_RATIO_MOST = 200
"""How many times its packed size a part may unpack to (XML packs 5–20 times)."""


def check_unpacked(data: bytes, name: str, advice: str) -> None:
    """Refuse a .docx whose parts unpack to far more than a document needs (a zip bomb), from
    the sizes its directory declares, before any part is read; ``advice`` says what to do."""
    import io
    import zipfile
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return  # not a zip at all: python-docx's refusal says so
    total = sum(i.file_size for i in infos)
    worst = max(infos, key=lambda i: i.file_size / max(i.compress_size, 1), default=None)
    too_packed = (worst is not None and worst.file_size > (1 << 20)
                  and worst.file_size > _RATIO_MOST * max(worst.compress_size, 1))
    if total > UNPACKED_MOST or too_packed or len(infos) > 10_000:
        part = f"（其中 {worst.filename} 解压后 {worst.file_size >> 20} MB）" if worst is not None else ""
        raise FayanError(Problem(f"这个 Word 文档解压后有 {total >> 20} MB{part}，远超一份文档应有的大小，"
                                 f"可能已损坏或被做了手脚，没有读取。{advice}", name))


def docx_text(data: bytes, name: str) -> str:
    import io

    import docx
    check_unpacked(data, name, "请用 Word 或 WPS 重新另存一份再试。")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises several kinds for a file that is not a .docx
        raise FayanError(Problem("不是有效的 Word 文档（.docx）。", name)) from None
    return "\n".join(p.text for p in document.paragraphs)


# --- paragraphs for the analyzer: noise dropped, indentation normalised ----------------------

_NOISE_LINE = re.compile(
    r"^(?:更新时间|发表时间|发布时间|来源|本文来源|责任编辑|编辑|作者)[:：]|猜你喜欢|下载后查看|"
    r"^#\s*source:|^-*此处隐藏|^（\d篇）$|^\(\d篇\)$")
_INLINE_NOISE = re.compile(r"##paid(?:begin|end)##|!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")


def paragraphs(source: Source, *, noise: bool = False) -> list[tuple[int, str]]:
    """The speech's paragraphs as (line, text): web and Markdown noise dropped (header lines
    such as 更新时间…来源…, ##paidbegin##, 此处隐藏…字, 猜你喜欢, images, link syntax, editor
    credits) unless ``noise``, full-width and ASCII indentation stripped, empty lines skipped."""
    out = []
    for number, line in enumerate(source.text.split("\n"), 1):
        if not noise:
            line = _INLINE_NOISE.sub(lambda m: m.group(1) or "", line)
        text = line.strip(" \t\u3000\ufeff")
        if not text or (not noise and _NOISE_LINE.search(text)):
            continue
        out.append((number, text))
    return out
