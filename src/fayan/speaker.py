"""Who speaks: a model of the speaker read from the brief's 职务 and 单位, as people write them.

A sentence is right only for some speakers. A 选调生 does not give orders; only a deputy says
分管; a 发改委主任 does not decide who is promoted county-wide or who is investigated; only the one
who presides speaks as the chair. :func:`profile` infers a :class:`Profile` — rank, kinds of
unit, powers, young or new — from the words of 职务 and 单位 (“县委常委、组织部部长”, “XX镇党委
副书记、镇长”, “选调生”, “XX集团党委书记、董事长”); the brief may state rank and unit kind outright.
Phrases declare what they require (:class:`Requires`) and compose never picks one the speaker
lacks. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Rank = Literal["主要负责人", "分管负责人", "一般干部"]
RANKS: tuple[str, ...] = ("主要负责人", "分管负责人", "一般干部")

UNIT_KINDS: tuple[str, ...] = (
    "党委", "人大政协", "政府部门", "组织部门", "纪检监察", "宣传部门", "政法部门", "乡镇", "街道",
    "社区", "村", "国有企业", "学校", "医院", "事业单位", "机关党支部",
)
"""Kinds of unit. A phrase may also name a group (below) for all of its kinds."""

UNIT_GROUPS: dict[str, tuple[str, ...]] = {
    "机关": ("党委", "人大政协", "政府部门", "组织部门", "纪检监察", "宣传部门", "政法部门", "机关党支部"),
    "基层": ("乡镇", "街道", "社区", "村"),
    "企事业": ("国有企业", "学校", "医院", "事业单位"),
}

POWERS: dict[str, str] = {
    "干部任免": "决定一个地方的选人用人（党委、组织部门的负责人）",
    "执纪审查": "查处违纪违法（纪检监察机关；党委主要负责人领导这项工作）",
    "指导基层": "领导、指导下级党组织和基层单位（有下级的单位的负责人）",
    "属地": "为一个地方（省、市、县、区、乡镇、街道）的发展说话",
    "主持": "主持这次会议或学习（提纲写“主持: true”）",
    "驻村": "在村里工作、驻村",
}
"""What a speaker may do, and who has it."""

Voice = Literal["directive", "commitment", "reflection", "statement"]
VOICES: dict[str, str] = {
    "directive": "布置工作：“要……”“必须……”",
    "commitment": "表态：“我将……”“我要……”",
    "reflection": "体会：“我体会到……”“我认识到……”",
    "statement": "陈述：讲道理、讲意义",
}


def unit_kinds(names: list[str]) -> set[str]:
    """Kinds named by a phrase's ``unit`` list, groups expanded."""
    out: set[str] = set()
    for n in names:
        out.update(UNIT_GROUPS.get(n, (n,)))
    return out


# --- reading 职务 and 单位 -------------------------------------------------------------------

_YOUNG = re.compile(r"选调生|新录用|新入职|见习|试用期|大学生村官|年轻干部|青年干部|新任")
_JUNIOR = re.compile(r"科员|办事员|干事|职员|工作人员|选调生|党员|网格员|专干|大学生村官|村官|教师|医生|护士|"
                     r"辅导员|一级主任科员|二级主任科员|三级主任科员|四级主任科员|主任科员|副主任科员|"
                     r"一级科员|二级科员|驻村工作队员|队员|团员|志愿者|员工|职工|技术员")
_DEPUTY = re.compile(r"^(?:.*?)(?:副|常委|委员|班子成员|分管|助理)")
_HEAD = re.compile(r"(?:书记|部长|局长|主任|县长|市长|区长|镇长|乡长|省长|州长|旗长|院长|校长|董事长|"
                   r"总经理|厂长|主席|行长|社长|所长|站长|馆长|队长|组长|主委|检察长|庭长|处长|科长|"
                   r"署长|总监|首席|负责人|一把手)$")

# the kind of unit a word names, most specific first (组织部 before 县委; 镇党委 before 党委)
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    (r"纪委|监委|纪检|监察|巡察", "纪检监察"),
    (r"组织部|组工|老干部局|编办", "组织部门"),
    (r"宣传部|网信|文明办|融媒体|宣传", "宣传部门"),
    (r"政法委|公安|法院|检察院|司法局", "政法部门"),
    (r"集团|公司|国企|企业|银行|厂|董事长|总经理", "国有企业"),
    (r"大学|学院|学校|中学|小学|幼儿园|校长|教师|辅导员", "学校"),
    (r"医院|卫生院|医共体|医生|护士", "医院"),
    (r"居委会|社区", "社区"),
    (r"村委|村党|村“两委”|村两委|村$|驻村|第一书记|大学生村官|村官", "村"),
    (r"街道|街办", "街道"),
    (r"乡镇|镇党委|乡党委|镇政府|乡政府|镇长|乡长|[镇乡]$|镇[^江]|乡[^村]", "乡镇"),
    (r"人大|政协", "人大政协"),
    (r"机关党支部|机关支部|党支部", "机关党支部"),
    (r"[省市县区州旗盟]委(?!员会)|党工委", "党委"),
    (r"[局办厅署]$|局|委员会|办公室|管委会|中心$|服务中心|发改|财政|税务|住建|交通|水利|农业农村|商务|"
     r"应急|生态环境|自然资源|人社|民政|统计|审计|市场监管|卫健|教育局|科技|文旅|体育", "政府部门"),
    (r"中心|研究院|所$|站$|馆$|事业", "事业单位"),
)
_KIND_RES = tuple((re.compile(p), k) for p, k in _KIND_WORDS)
_REGION = re.compile(r"(?:省|市|县|区|州|盟|旗|镇|乡|街道)$")


def _posts(post: str) -> list[str]:
    return [p.strip() for p in re.split(r"[、，,/；;\s]+|兼", post) if p.strip()]


def _rank_of(post: str) -> Rank | None:
    """The rank one post gives, or ``None`` where the words do not say."""
    if _JUNIOR.search(post) and not _HEAD.search(post):
        return "一般干部"
    if _DEPUTY.search(post):
        return "分管负责人"
    if _HEAD.search(post):
        return "主要负责人"
    return None


def _kind_of(text: str) -> str | None:
    for pattern, kind in _KIND_RES:
        if pattern.search(text):
            return kind
    return None


@dataclass(frozen=True)
class Profile:
    """What fayan knows of the speaker. ``rank`` is the rank of the first post (people list the
    senior one first: “县委常委、组织部部长” speaks as a 常委, with the 组织部's powers);
    ``units`` every kind of unit the posts and the unit name give."""

    rank: Rank = "分管负责人"
    units: frozenset[str] = frozenset()
    powers: frozenset[str] = frozenset()
    young: bool = False

    @property
    def voices(self) -> frozenset[str]:
        """A junior speaker reflects and commits; only a leader directs."""
        if self.rank == "一般干部":
            return frozenset({"commitment", "reflection", "statement"})
        return frozenset(VOICES)

    def describe(self) -> str:
        units = "、".join(sorted(self.units)) or "未知"
        powers = "、".join(p for p in POWERS if p in self.powers) or "无"
        return f"{self.rank}{'（年轻干部）' if self.young else ''}；单位类型：{units}；权限：{powers}"


def profile(post: str | None, unit: str | None, *, rank: str | None = None, kind: str | None = None,
            presides: bool | None = None, place: str | None = None) -> Profile:
    """Infer the speaker's profile from 职务 and 单位; ``rank`` and ``kind`` stated in the brief
    win over what the words suggest."""
    posts = _posts(post or "")
    ranks = [r for r in (_rank_of(p) for p in posts) if r]
    if rank:
        the_rank = rank
    elif ranks:
        the_rank = ranks[0]
    else:
        the_rank = "一般干部" if post and _YOUNG.search(post) else "分管负责人"
    heads = "主要负责人" in ranks or the_rank == "主要负责人"
    leader = the_rank != "一般干部"

    units: set[str] = set()
    if kind:
        units.update(unit_kinds([kind]))
    else:
        for text in posts + ([unit] if unit else []):
            k = _kind_of(text)
            if k:
                units.add(k)
        if unit and not units.intersection(UNIT_GROUPS["基层"]) and re.search(r"[镇乡]$", unit):
            units.add("乡镇")
    young = bool(_YOUNG.search(post or "")) or bool(_YOUNG.search(unit or ""))

    powers: set[str] = set()
    if leader and units & {"党委", "组织部门"}:
        powers.add("干部任免")
    if (leader and "纪检监察" in units) or (heads and "党委" in units and the_rank == "主要负责人"):
        powers.add("执纪审查")
    if leader and (not units or not units <= {"社区", "村", "机关党支部"}):
        powers.add("指导基层")
    # a territory's bodies speak for its development, unless the brief's 地方 is no territory (XX集团)
    territorial = units & {"党委", "乡镇", "街道", "人大政协", "政府部门", "组织部门", "纪检监察", "宣传部门", "政法部门"}
    region = _REGION.search(re.sub(r"[X×]+$", "", place)) if place else True
    if region and (territorial or (place and not units)):
        powers.add("属地")
    if presides:
        powers.add("主持")
    if units & {"村"} or re.search(r"驻村|第一书记", post or ""):
        powers.add("驻村")
    return Profile(the_rank, frozenset(units), frozenset(powers), young)  # type: ignore[arg-type]
