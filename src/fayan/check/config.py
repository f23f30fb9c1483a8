"""``.fayan.yaml``: which rules run, at what severity, with what options (yamllint's way).

    rules:
      placeholder: {severity: error}   # before the final check, a left XX is an error
      repetition: disable
      length: {target: 3000}
    formulations: [我们的提法.yaml]
    framings: [我们的搭配.yaml]
    typos: [我们的别字.yaml]
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import yamlio
from ..errors import DataError, FayanError


class RuleOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    severity: Literal["error", "warning", "info"] | None = Field(None, description="改变这条规则的级别")
    target: int | None = Field(None, ge=100, description="length：目标字数")
    max_four_char: int | None = Field(None, ge=1, description="repetition：四字短语最多用几次")


class CheckConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: dict[str, Literal["enable", "disable"] | RuleOptions] = Field(default_factory=dict)
    formulations: list[str] = Field(default_factory=list, description="另加的规范提法文件")
    framings: list[str] = Field(default_factory=list, description="另加的搭配不当条目文件（格式同 framings.yaml）")
    typos: list[str] = Field(default_factory=list, description="另加的别字条目文件（格式同 typos.yaml）")


def load_config(path: str | Path | None) -> CheckConfig:
    """The given file, else ``.fayan.yaml`` in the current directory, else defaults."""
    candidate = Path(path) if path else Path(".fayan.yaml")
    if not candidate.exists():
        if path:
            raise DataError(yamlio.Problem("找不到配置文件。", str(path)))
        return CheckConfig()
    from ..reader import read_file
    try:
        data = yamlio.load(read_file(candidate, what="配置文件"), str(candidate))
    except FayanError as exc:
        raise DataError(exc.problems) from None
    from . import rules
    config = yamlio.validate(CheckConfig, data, str(candidate), DataError, "（检查配置）")
    unknown = [r for r in config.rules if r not in rules()]
    if unknown:
        mark = yamlio.locate(data, ("rules", unknown[0]), key=True)
        raise DataError(yamlio.Problem(f"没有规则“{unknown[0]}”。规则有：{'、'.join(rules())}。", str(candidate),
                                       mark.line if mark else None, mark.column if mark else None))
    return config
