"""The parser keeps the notice's order: each unit's place on its pairing line and each lead's on line 21."""

from graph.inputs.notice import positions


def pairing_on(notice, line: int):
    [found] = [p for p in notice.pairings if p.line == line]
    return found


def test_two_units_in_the_order_their_line_writes_them(notice):
    yudu = pairing_on(notice, 36)  # 国家卫生健康委、国家粮食和储备局——于都县
    assert (yudu.county, yudu.positions) == ("于都县", {"国家卫生健康委": 1, "国家粮食和储备局": 2})
    zhanggong = pairing_on(notice, 23)  # 国务院国资委、国家药监局——章贡区（含赣州经济技术开发区）
    assert zhanggong.positions == {"国务院国资委": 1, "国家药监局": 2}


def test_a_line_with_one_unit_gives_it_the_first_place(notice):
    assert pairing_on(notice, 69).positions == {"中粮集团有限公司": 1}  # ——建宁县


def test_the_leads_in_the_order_line_21_names_them(notice):
    assert notice.leads.line == 21
    assert notice.lead_positions == {"国家发展改革委": 1, "中央组织部": 2}


def test_every_line_numbers_its_units_from_one(notice):
    for pairing in notice.pairings:
        assert list(pairing.positions.values()) == list(range(1, len(pairing.units) + 1)), pairing.line
    assert sum(len(p.units) for p in notice.pairings) == 61


def test_positions_count_from_one_in_the_order_given():
    assert positions(("乙", "甲")) == {"乙": 1, "甲": 2}
