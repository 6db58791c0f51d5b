"""Recognising 一级/二级 labels by content, wherever they come from (a paste, an imported table).

Real tables write `产出指标(50分)`, `产出指标（50分）`, `经济效\\n益指标`; the bare
name is what identifies the label.
"""

from __future__ import annotations

import re
import unicodedata

#: 一级 names in real tables carry their share: `产出指标(50分)`, `产出指标（50分）`, `产出指标（权重50%）`,
#: and without brackets after the name: `产出指标 50分`, `产出指标：50分`.
SHARE = re.compile(r"[（(]\s*(?:权重|分值)?[:：]?\s*(\d+(?:\.\d+)?)\s*[分%]?\s*[)）]$"
                   r"|(?<=指标)[:：]?(\d+(?:\.\d+)?)分$")
#: A short name ending in 指标 reads as a 一级/二级 label even when the template does not know it.
LABEL_LIKE = re.compile(r"^\S{0,10}指标$")


def bare_label(name: str) -> str:
    """`产出指标（50分）` → `产出指标`; spaces, U+3000 and line breaks removed."""
    text = re.sub(r"\s+", "", name.replace("\u3000", " ").strip())
    return SHARE.sub("", text)


def label_share(name: str) -> str:
    """The share printed with a 一级 label (`产出指标(50分)` → `50`), or ""."""
    match = SHARE.search(re.sub(r"\s+", "", name))
    return match.group(1) or match.group(2) if match else ""


def label_key(name: str) -> str:
    """A 一级/二级 name as compared across templates: `服务对象满意度指标（10分）` and
    `服务对象 满意度指标` are the same group (spaces gone, full-width forms folded)."""
    return unicodedata.normalize("NFKC", bare_label(name))
