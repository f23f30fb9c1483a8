"""What was studied: the kind of text the brief's 专题 names, and how sentences refer to it.

A 思想 is not a 条例: “标志着我们党对……规律的认识达到了新高度” fits the Party's guiding
thought and its 重要思想, not a 学习教育; “学习{{ topic }}” reads “学习党纪学习教育” when the topic
is a campaign. :func:`topic_info` reads the kind off the topic's words (the brief may state it)
and gives the forms sentences use: the topic as a noun (a 条例 in 《》), how one refers back to
it (这一重要思想 / 这些重要论述 / 全会精神 / 《条例》 / 这次学习教育), and the verb one studies it
with. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

TopicKind = Literal["思想", "重要讲话", "会议精神", "党内法规", "学习教育", "工作部署"]
TOPIC_KINDS: tuple[str, ...] = ("思想", "重要讲话", "会议精神", "党内法规", "学习教育", "工作部署")

GUIDING_THOUGHTS = ("马克思列宁主义", "毛泽东思想", "邓小平理论", "“三个代表”重要思想", "科学发展观",
                    "习近平新时代中国特色社会主义思想")
"""The Party's guiding thought (党章): the only texts one calls 指导思想."""

# the last words decide: 关于……的重要论述 is a 论述 whatever it is about
_RULES: tuple[tuple[str, str], ...] = (
    (r"学习教育|主题教育|专题教育|集中教育|教育整顿|教育实践活动", "学习教育"),
    (r"(?:条例|准则|规定|规则|办法|细则|党章|章程|宪法|法)》?$|《[^》]*(?:条例|准则|规定|规则|办法)》", "党内法规"),
    # a speech's 精神 (重要讲话精神) is the speech's, not a meeting's: tried before 精神$
    (r"(?:讲话|论述|指示|批示|回信|贺信|重要文章|重要要求|讲话精神|指示精神|指示批示精神|批示精神|回信精神)$", "重要讲话"),
    (r"(?:全会|大会|会议|代表大会|二十大|十九大|全国两会|两会)(?:精神)?$|精神$", "会议精神"),
    (r"思想$|理论$|科学发展观$|马克思列宁主义$", "思想"),
    (r"部署|决策|意见|方案|规划|行动|工程|工作$|任务$|改革$", "工作部署"),
)
_RULE_RES = tuple((re.compile(p), k) for p, k in _RULES)


@dataclass(frozen=True)
class TopicInfo:
    """The topic as sentences use it.

    ``kind``: one of :data:`TOPIC_KINDS`. ``noun``: the topic to put in a sentence (a 条例 in
    《》). ``ref``: how a sentence refers back to it (这一重要思想). ``guiding``: whether it is (part
    of) the Party's guiding thought — only then is it 指导思想. ``study``: the verb phrase one
    studies it with (学习 / 参加)."""

    kind: str
    noun: str
    ref: str
    guiding: bool
    study: str


def kind_of(topic: str) -> str:
    """The kind of text a topic names (思想 where the words do not say)."""
    t = topic.strip().rstrip("。")
    for pattern, kind in _RULE_RES:
        if pattern.search(t):
            return kind
    return "重要讲话" if re.search(r"总书记|重要", t) else "工作部署"


def _ref(kind: str, topic: str) -> str:
    if kind == "思想":
        return "这一重要思想" if topic.endswith("重要思想") or "关于" in topic else "这一思想"
    if kind == "重要讲话":
        for word, ref in (("论述", "这些重要论述"), ("指示批示", "这些重要指示批示"), ("批示", "这一重要批示"),
                          ("指示", "这一重要指示"), ("回信", "这封回信"), ("贺信", "这封贺信"),
                          ("文章", "这篇重要文章"), ("讲话", "这篇重要讲话")):
            if word in topic:
                return ref
        return "这些重要论述"
    if kind == "会议精神":
        return "全会精神" if "全会" in topic else ("大会精神" if re.search(r"大会|二十大|十九大", topic) else "会议精神")
    if kind == "党内法规":
        m = re.search(r"(条例|准则|规定|规则|办法|细则|党章|章程)》?$", topic)
        word = m.group(1) if m else "条例"
        return "党章" if word in ("党章", "章程") else f"《{word}》"
    if kind == "学习教育":
        m = re.search(r"(学习教育|主题教育|专题教育|集中教育|教育整顿|教育实践活动)", topic)
        return f"这次{m.group(1) if m else '学习教育'}"
    return "这项部署"


def topic_info(topic: str, kind: str | None = None) -> TopicInfo:
    """Read a topic; ``kind`` stated in the brief wins over what the words suggest."""
    t = topic.strip().rstrip("。")
    k = kind or kind_of(t)
    noun = t
    if k == "党内法规" and not t.startswith("《") and "《" not in t and not t.endswith("党章"):
        noun = f"《{t}》"
    guiding = any(g in t for g in GUIDING_THOUGHTS)
    study = "参加" if k == "学习教育" else "学习"
    return TopicInfo(k, noun, _ref(k, t), guiding, study)
