"""Arbitrary bytes and arbitrary YAML trees fed to every loader of user input, in-process: the
brief, a template, a phrase-bank file, a check configuration and a speech read and checked.
Whatever comes in, nothing but fayan's own errors (FayanError) may come out: no traceback
for any input. 10,000 examples each in CI (CI=true), a few hundred otherwise."""

from __future__ import annotations

import contextlib
import os

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fayan import yamlio
from fayan.brief import Brief, parse_brief
from fayan.check import rules, run
from fayan.check.config import CheckConfig
from fayan.errors import DataError, FayanError
from fayan.phrasebank import BankFile
from fayan.reader import read_source
from fayan.skeleton import Skeleton

settings.register_profile("fayan-ci", max_examples=10_000, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fayan-dev", max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = settings.get_profile("fayan-ci" if os.environ.get("CI") == "true" else "fayan-dev")

RULES = list(rules())
MODELS = [(Skeleton, "（模板）"), (BankFile, "（句库文件）"), (CheckConfig, "（检查配置）")]

# bytes with what makes text hard: BOMs, NUL, control characters, GBK and UTF-8 pieces, YAML syntax
_PIECES = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\x07", b"\r\n", b"\n", b"  ", b"- ",
           b": ", b"&a ", b"*a", b"[", b"]", b"{", b"}", b"'", b'"', b"!!", b"<<", b"#", b"---\n",
           "同志们：".encode(), "学习".encode("gbk"), "，".encode("utf-16-le"), b"\xff", b"\x80", b"9" * 50]
hostile_bytes = st.one_of(
    st.binary(max_size=400),
    st.lists(st.sampled_from(_PIECES) | st.binary(max_size=4), max_size=60).map(b"".join),
)

_KEYS = list(yamlio.field_names(Brief)) + ["id", "phrases", "function", "text", "rules", "sections", "主题"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["yantao-fayan", "{{ 7*7 }}", "", "<<"]))
trees = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.sampled_from(_KEYS) | st.text(max_size=8),
                                                                inner, max_size=6),
    max_leaves=40,
)


def _tolerated(call, *args) -> None:
    with contextlib.suppress(FayanError):  # fayan's own error is the answer; anything else fails
        call(*args)


def _model(raw: bytes, model, what: str) -> None:
    yamlio.validate(model, yamlio.load(raw, "文件.yaml"), "文件.yaml", DataError, what)


def _speech(name: str, raw: bytes) -> None:
    run(read_source(name, raw), RULES)


def _yaml_loaders(raw: bytes) -> None:
    _tolerated(parse_brief, raw, "提纲.yaml")
    for model, what in MODELS:
        _tolerated(_model, raw, model, what)


@PROFILE
@given(raw=hostile_bytes)
@example(raw=b"=")  # “=” resolves to YAML's value tag, which a safe loader cannot construct
@example(raw=b"a: =\nb: <<\n")
def test_any_bytes_give_fayans_error_or_a_result(raw):
    _yaml_loaders(raw)
    for name in ("讲话.txt", "讲话.md"):
        _tolerated(_speech, name, raw)


@PROFILE
@given(tree=trees, flow=st.booleans())
def test_any_yaml_tree_gives_fayans_error_or_a_result(tree, flow):
    raw = yaml.safe_dump(tree, allow_unicode=True, default_flow_style=flow).encode("utf-8")
    _yaml_loaders(raw)
