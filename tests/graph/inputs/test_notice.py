"""The parser finds everything the notice states, by the shape of the text, with the right line numbers."""

import pytest

from graph.errors import SourceError
from graph.inputs.manifest import primary
from graph.inputs.notice import parse

SOURCE = primary().path


def test_document_facts(notice):
    assert notice.number.value == "国办发〔2021〕15号" and notice.number.line == 4
    assert notice.number_parts == ("国办发", 2021, 15)
    assert (
        notice.title.value
        == "国务院办公厅关于印发新时代中央国家机关及有关单位对口支援赣南等原中央苏区工作方案的通知"
    )
    assert notice.title_lines == (1, 2, 3)
    assert (notice.date.value, notice.date.line) == ("2021-04-21", 10)
    assert (notice.issuer.value, notice.issuer.line) == ("国务院办公厅", 8)
    assert (notice.approval.value, notice.approval.line) == ("国务院", 7)
    assert (notice.status.value, notice.status.line) == ("此件公开发布", 11)
    assert notice.plan_title.value == "新时代中央国家机关及有关单位对口支援赣南等原中央苏区工作方案"
    assert notice.plan_title_lines == (14, 15)
    assert notice.implements.value == ("国发〔2021〕3号", "国务院关于新时代支持革命老区振兴发展的意见")
    assert (notice.since.value, notice.since.line) == (2013, 17)
    assert (notice.period.value, notice.period.line) == ((2021, 2030), 21)


def test_totals_the_notice_states(notice):
    assert notice.unit_total.value == 63
    assert notice.county_total.value == 43
    assert notice.paired_total.value == 61
    assert notice.leads.value == ("国家发展改革委", "中央组织部")
    assert {city: f.value for city, f in notice.city_counts.items()} == {
        "赣州市": 18,
        "吉安市": 8,
        "抚州市": 5,
        "龙岩市": 7,
        "三明市": 5,
    }


def test_pairings_agree_with_the_stated_totals(notice):
    assert len(notice.pairings) == notice.county_total.value
    names = [name for p in notice.pairings for name in p.units]
    assert len(names) == len(set(names)) == notice.paired_total.value
    assert not set(names) & set(notice.leads.value)
    for city, fact in notice.city_counts.items():
        assert sum(p.city == city for p in notice.pairings) == fact.value, city
    assert sum(len(p.units) == 2 for p in notice.pairings) == 18


def test_a_pairing_line(notice):
    first = notice.pairings[0]
    assert (first.line, first.units, first.county, first.zone, first.city) == (
        23,
        ("国务院国资委", "国家药监局"),
        "章贡区",
        "赣州经济技术开发区",
        "赣州市",
    )
    last = notice.pairings[-1]
    assert (last.line, last.units, last.county, last.zone, last.city) == (
        69,
        ("中粮集团有限公司",),
        "建宁县",
        None,
        "三明市",
    )


def test_every_non_blank_line_is_kept_with_its_number(notice):
    raw = SOURCE.read_text(encoding="utf-8").splitlines()
    assert len(raw) == 76
    assert sorted(notice.lines) == [n for n, text in enumerate(raw, 1) if text.strip()]
    assert len(notice.lines) == 71
    assert notice.lines[26].text == "财政部、新华社——瑞金市"


def test_sections(notice):
    paths = [(s.path, s.number, s.title, s.heading_line) for s in notice.sections]
    assert paths == [
        ("1", "一", "总体要求", 18),
        ("2", "二", "工作安排", 20),
        ("2-1", "（一）", "赣州市18个县（市、区）", 22),
        ("2-2", "（二）", "吉安市8个县（区）", 41),
        ("2-3", "（三）", "抚州市5个县", 50),
        ("2-4", "（四）", "龙岩市7个县（市、区）", 56),
        ("2-5", "（五）", "三明市5个县", 64),
        ("3", "三", "工作要求", 70),
        ("3-1", "（一）", "完善工作机制", 71),
        ("3-2", "（二）", "落实重点任务", 73),
        ("3-3", "（三）", "加强督促评估", 75),
    ]
    by_path = {s.path: s for s in notice.sections}
    assert by_path["2-1"].lines == list(range(22, 41))
    assert by_path["3-3"].lines == [75, 76]


def _write(tmp_path, text):
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_malformed_pairing_line_names_its_line(tmp_path):
    text = SOURCE.read_text(encoding="utf-8").replace(
        "财政部、新华社——瑞金市", "财政部、新华社——瑞金市——多余"
    )
    with pytest.raises(SourceError) as error:
        parse(_write(tmp_path, text))
    assert error.value.line == 26
    assert "notice.txt:26" in str(error.value)


def test_a_missing_document_number_is_an_error(tmp_path):
    text = SOURCE.read_text(encoding="utf-8").replace("国办发〔2021〕15号", "国办发2021年15号")
    with pytest.raises(SourceError, match="no line matches"):
        parse(_write(tmp_path, text))
