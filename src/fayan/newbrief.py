"""The commented brief that `fayan new NAME` prints: Chinese keys, every option explained."""

from __future__ import annotations

from .skeleton import Skeleton


def new_brief(skeleton: Skeleton) -> str:
    s = skeleton.sample
    lines = [
        f"# fayan 提纲 · 模板：{skeleton.name}（{skeleton.id}）",
        f"# {skeleton.description}",
        "# 生成初稿：fayan draft 本文件 -o 初稿.docx　　预览：fayan draft 本文件 -o - --format md",
        "# 键名中英文均可（如 标题/title）。以 # 开头的行是说明，删掉 # 即可启用。",
        "",
        f"模板: {skeleton.id}",
        f"标题: {s.title}",
        "# 副标题: ——在……上的发言          # 不写则按会议名生成",
        f"会议: {s.occasion}",
        f"专题: {s.topic}",
        "# 专题类型: 思想                   # 思想、重要讲话、会议精神、党内法规、学习教育、工作部署；不写按专题推断",
        "称谓: 习近平总书记                  # 原话出自谁",
        "# 原话:                            # 要引用的原文（不加引号），可写多条；不写则不引，fayan 不会编造引语",
        "#   - 原话: 这里写原文",
        "#     出处: 在……时的讲话",
    ]
    if skeleton.has_each("study"):
        lines += [
            "# 学习要点:                        # 第一部分逐条阐释，每条一个短语，可带原话和自己的理解",
            "#   - 要点一",
            "#   - {要点: 要点二, 原话: 这一要点的原文}",
        ]
    lines += [
        "地方: XX县                          # 用于“推动XX县高质量发展”一类句子；XX 留待自己填写",
        "发言人:",
        "  单位: XX县委组织部",
        "  职务: 部长",
        "  # 姓名: 张三",
        "  # 职级: 主要负责人               # 主要负责人、分管负责人、一般干部；不写按职务推断",
        "  # 单位类型: 组织部门             # 党委、政府部门、组织部门、乡镇、社区、国有企业……；不写按单位推断",
        "  # 主持: true                     # 主持这次会议时写上",
        f"字数: {skeleton.length}                        # 正文目标字数",
        "种子: 1                             # 换一个数字，换一批句子",
        "部分:",
    ]
    for theme in s.themes:
        lines += [
            f"  - 主题: {theme}",
            "    # 标题: 自拟小标题（不含序号），不写则由模板生成",
            "    # 观点:                         # 自己的认识，原样写入",
            "    #   - 我们要……",
            "    # 事例:                         # 本单位的做法和数据，原样写入",
            "    #   - 今年以来，我们……",
            "    # 举措:                         # 下一步打算，动词开头，以“一是……二是……”串联",
            "    #   - 建立……机制",
        ]
    lines += [
        "# 锁定:                              # 满意的句子可以锁定，换种子时保留",
        "#   opening.turn: opening.turn.01     # 位置与编号见 fayan draft 本文件 --format json 的 trace",
        "",
    ]
    return "\n".join(lines)
