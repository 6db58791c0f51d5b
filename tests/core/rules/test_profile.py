"""Templates are data: loaded, validated, and a new province is just a new file."""

from __future__ import annotations

import json
import shutil
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfdesk.core.model.results import WIDE
from perfdesk.core.rules.profile import Rounding, TemplateError, TemplateLibrary, load_profile
from perfdesk.paths import templates_dir


def test_shipped_templates_load(library):
    ids = [p.id for p in library]
    assert {"national-2020", "county-ziyang", "hubei", "sichuan", "yunnan-baoshan"} <= set(ids)
    assert library.default().id == "national-2020"


def test_national_profile_settings(national):
    assert national.funds.weight == 10 and national.funds.counted and national.funds.scored
    assert [(s.level1, s.weight) for s in national.split] == [
        (("产出指标",), Decimal(50)), (("效益指标",), Decimal(30)), (("满意度指标",), Decimal(10))]
    assert [g.name for g in national.level1[0].groups] == ["数量指标", "质量指标", "时效指标", "成本指标"]
    assert national.default_direction("产出指标", "成本指标") == "negative"
    assert national.default_direction("产出指标", "数量指标") == "positive"
    assert [(g.low, g.high) for g in national.quality_grades] == [(80, 100), (60, 80), (0, 60)]
    assert national.cap_scores


def test_county_and_hubei_differ_by_data_only(county, library):
    hubei = library.get("hubei")
    assert not county.funds.counted and [s.weight for s in county.split] == [50, 40, 10]
    assert hubei.funds.weight == 20
    assert hubei.split[1].level1 == ("效益指标", "满意度指标") and hubei.split[1].weight == 40
    assert [g.low for g in hubei.quality_grades] == [80, 50, 0]


def test_sichuan_profile_settings(library):
    sichuan = library.get("sichuan")
    assert [r.label for r in sichuan.funds.rows] == ["年度资金总额", "其中：财政资金", "财政专户管理资金", "单位资金"]
    assert sichuan.funds.columns[1] == "调整后预算数" and sichuan.funds.weight == 10 and sichuan.funds.counted
    assert [d.name for d in sichuan.level1] == ["产出指标", "效益指标"]  # 满意度 is a 二级 of 效益
    assert sichuan.level1[1].groups[-1].name == "服务对象满意度指标"
    assert [(s.level1, s.weight) for s in sichuan.split] == [(("产出指标", "效益指标"), Decimal(90))]
    assert [[s.field for s in row] for row in sichuan.signature_rows] == [["filler", "phone", "date"],
                                                                          ["leader", "finance"]]
    assert [s.label for s in sichuan.signature_rows[1]] == ["项目负责人", "财务负责人"]
    assert sichuan.unprinted_columns == ()


def test_yunnan_baoshan_profile_settings(library):
    baoshan = library.get("yunnan-baoshan")
    assert baoshan.funds.weight == 20 and baoshan.funds.counted
    assert [(s.level1, s.weight) for s in baoshan.split] == [(("产出指标", "效益指标", "满意度指标"), Decimal(80))]
    assert baoshan.unprinted_columns == ("weight",) and baoshan.signature_rows == ()


def test_claimed_rounding_defaults_to_the_score_rounding(tmp_path, national):
    assert national.claimed_rounding == national.score_rounding
    data = json.loads((templates_dir() / "national-2020.json").read_text(encoding="utf-8"))
    data["claimed_rounding"] = {"places": 0, "mode": "down"}
    path = tmp_path / "whole-points.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    profile = load_profile(path)
    assert profile.claimed_rounding.apply(Decimal("8.96")) == 8
    assert profile.score_rounding.apply(Decimal("8.956")) == Decimal("8.96")


@pytest.mark.parametrize(
    ("total", "grade"),
    [("100", "优"), ("90", "优"), ("89.99", "良"), ("89.5", "良"), ("80", "良"), ("79.99", "中"),
     ("60", "中"), ("59.99", "差"), ("0", "差")],
)
def test_grade_bands_are_half_open(national, total, grade):
    assert national.grade_for(Decimal(total)) == grade


def test_title_uses_year(national):
    assert national.title_for("2022") == "（2022年度）项目支出绩效自评表"


def _copy_templates(tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(templates_dir(), folder)
    return folder


def test_a_new_province_is_a_new_file(tmp_path):
    folder = _copy_templates(tmp_path)
    data = json.loads((folder / "national-2020.json").read_text(encoding="utf-8"))
    data.update(id="some-city", name="某市：执行率 15 + 85")
    data["funds"]["weight"] = 15
    data["split"] = [{"level1": ["产出指标", "效益指标", "满意度指标"], "weight": 85}]
    (folder / "some-city.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    profile = TemplateLibrary(folder).get("some-city")
    assert profile.funds.weight == 15 and profile.split[0].weight == 85


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("funds"), "funds 缺少此项"),
        (lambda d: d.update(cap_scores="yes"), "cap_scores 应为 true 或 false"),
        (lambda d: d["funds"].update(weight=1e400), "funds.weight 应为数字"),
        (lambda d: d["funds"].update(weight=-5), "funds.weight 应在"),
        (lambda d: d["level1"][0].update(groups="数量"), "level1[0].groups 应为列表"),
        (lambda d: d["level1"][0]["groups"][3].update(default_direction="up"), "default_direction 应为"),
        (lambda d: d["split"][0].update(level1=["产出"]), "不存在的一级指标 产出"),
        (lambda d: d["quality_grades"][1].update(high=70), "quality_grades 档次应从 100 连续排到 0"),
        (lambda d: d["grades"].reverse(), "grades 应从高到低排列"),
        (lambda d: d.update(format="other"), "不是 PerfDesk 模板"),
        (lambda d: d.update(claimed_rounding={"places": 9}), "claimed_rounding.places 应在 0 到 4 之间"),
        (lambda d: d.update(claimed_rounding={"mode": "up"}), "claimed_rounding.mode 应为 half_up / down 之一"),
        (lambda d: d.update(unprinted_columns=["name"]), "unprinted_columns 只能列出 weight"),
        (lambda d: d.update(unprinted_columns="weight"), "unprinted_columns 应为文字列表"),
        (lambda d: d.update(signature_rows=[{"slots": [{"field": "boss"}]}]),
         "signature_rows[0].slots[0].field 应为 filler"),
        (lambda d: d.update(signature_rows=[{"slots": []}]), "signature_rows[0].slots 应有签字项"),
        (lambda d: d.update(signature_rows=[{"slots": [{"field": "filler", "span": 3}] * 2 + [{"field": "date"}]}]),
         "合计不超过 8 列"),
        (lambda d: d.update(signature_rows=[{"slots": [{"field": "filler"}]}, {"slots": [{"field": "filler"}]}]),
         "签字项 filler 出现了不止一次"),
    ],
)
def test_broken_template_names_file_and_problem(tmp_path, mutate, message):
    data = json.loads((templates_dir() / "national-2020.json").read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_profile(path)
    assert "broken.json" in str(info.value) and message in str(info.value)


def test_template_that_is_not_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"id": "x",\n  oops}', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"bad.json：第 2 行"):
        load_profile(path)


def test_duplicate_template_id_is_refused(tmp_path):
    folder = _copy_templates(tmp_path)
    shutil.copy(folder / "hubei.json", folder / "hubei-copy.json")
    with pytest.raises(TemplateError, match="重复"):
        TemplateLibrary(folder)


def test_unknown_template_id(library):
    with pytest.raises(TemplateError, match="找不到模板 nowhere"):
        library.get("nowhere")


@given(st.decimals(min_value=-10**15, max_value=10**15, allow_nan=False, allow_infinity=False, places=8),
       st.integers(0, 3), st.sampled_from([("half_up", ROUND_HALF_UP), ("down", ROUND_DOWN)]))
def test_rounding_is_decimal_quantize_in_the_wide_context(value: Decimal, places: int, mode: tuple[str, str]) -> None:
    """Rounding.apply (one positional call on a context carrying the mode) rounds as quantize does."""
    expected = value.quantize(Decimal(1).scaleb(-places), rounding=mode[1], context=WIDE)
    assert str(Rounding(places, mode[0]).apply(value)) == str(expected)
