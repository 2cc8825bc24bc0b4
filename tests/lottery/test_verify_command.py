"""`flask lottery verify PROTOCOL.json [REGISTER.csv]`: anyone can reproduce a published draw or check a
published panel lottery."""
import json
from datetime import date

import pytest

from participation.lottery import draw as lottery_draw
from participation.lottery.register_csv import household_key, read_register, sniff, suggest_mapping
from participation.lottery.selection import (
    find_distribution,
    panel_lottery_protocol,
    record_draw,
    synthetic_pool,
    uniform_lottery,
)
from participation.lottery.synthetic import generate_register, write_csv


@pytest.fixture
def published(tmp_path):
    register_path = tmp_path / "melderegister.csv"
    write_csv(generate_register(3000, seed=11), register_path)
    data = register_path.read_bytes()
    mapping = suggest_mapping(sniff(data).header)
    read = read_register(data, mapping)
    assert read.ok
    people = [dict(row, household=household_key(row)) for row in read.rows]
    parameters = lottery_draw.DrawParameters(letters=120, reference_date=date(2026, 5, 1), min_age=16,
                                             strata=("district", "age_band"), one_per_household=True)
    result = lottery_draw.draw(people, parameters, read.fingerprint, "17 4 33 8 25 41")
    protocol = dict(result.protocol(), register_mapping=mapping)
    protocol_path = tmp_path / "protokoll.json"
    protocol_path.write_text(json.dumps(protocol, ensure_ascii=False), encoding="utf-8")
    return protocol_path, register_path, protocol


def test_an_unchanged_draw_is_reproduced(app, published):
    protocol_path, register_path, protocol = published
    result = app.test_cli_runner().invoke(args=["lottery", "verify", str(protocol_path), str(register_path)])
    assert result.exit_code == 0, result.output
    assert len(protocol["invitations"] if "invitations" in protocol else protocol["selection"]) == 120


def test_a_changed_register_row_is_found(app, published):
    protocol_path, register_path, protocol = published
    text = register_path.read_text(encoding="utf-8-sig")
    selected = (protocol.get("invitations") or protocol.get("selection"))[0]["person_id"]
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(selected + ";"))
    cells = lines[index].split(";")
    cells[7] = "01.01.1930" if cells[7] != "01.01.1930" else "02.02.1931"  # the birth date
    lines[index] = ";".join(cells)
    register_path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    result = app.test_cli_runner().invoke(args=["lottery", "verify", str(protocol_path), str(register_path)])
    assert result.exit_code == 1
    assert "Fingerabdruck" in result.output or "fingerprint" in result.output.lower()


def test_files_that_cannot_be_checked_say_why(app, published, tmp_path):
    _, register_path, _ = published
    broken = tmp_path / "kaputt.json"
    broken.write_text("{ kein json", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["lottery", "verify", str(broken), str(register_path)])
    assert result.exit_code == 2
    assert "JSON" in result.output


def test_an_invitation_draw_needs_its_register(app, published):
    protocol_path, _, _ = published
    result = app.test_cli_runner().invoke(args=["lottery", "verify", str(protocol_path)])
    assert result.exit_code == 2
    assert "Melderegisterauszug" in result.output and "REGISTER.csv" in result.output


# --- the panel lottery (stage two): the protocol alone is enough ---------------------------------------

@pytest.fixture(scope="module")
def panel_protocol(tmp_path_factory):
    people, categories = synthetic_pool(40, seed=21, panel_size=8)
    distribution = find_distribution(people, categories, 8, seed=99)
    lottery = uniform_lottery(distribution, seed=99)
    protocol = panel_lottery_protocol(people, categories, 8, lottery, distribution=distribution)
    published_hash = protocol["lottery_hash"]
    protocol = record_draw(protocol, "1 8 7", "Drei zehnseitige Würfel in der öffentlichen Sitzung")
    path = tmp_path_factory.mktemp("panel") / "gremium.json"
    path.write_text(json.dumps(protocol, ensure_ascii=False), encoding="utf-8")
    return path, protocol, published_hash


def test_a_panel_lottery_is_checked_without_a_register(app, panel_protocol):
    path, protocol, published_hash = panel_protocol
    runner = app.test_cli_runner()
    result = runner.invoke(args=["lottery", "verify", str(path)])
    assert result.exit_code == 0, result.output
    assert "Alle 1.000 Gremien der Losliste" in result.output and "Nr. 187 der Losliste" in result.output
    result = runner.invoke(args=["lottery", "verify", "--published-hash", published_hash, str(path)])
    assert result.exit_code == 0, result.output
    assert "vor der Ziehung veröffentlicht" in result.output
    result = runner.invoke(args=["lottery", "verify", "--published-hash", "ab" * 32, str(path)])
    assert result.exit_code == 1


def test_a_register_given_for_a_panel_lottery_is_not_needed(app, panel_protocol, published):
    path, _, _ = panel_protocol
    _, register_path, _ = published
    result = app.test_cli_runner().invoke(args=["lottery", "verify", str(path), str(register_path)])
    assert result.exit_code == 0, result.output
    assert "kein Registerauszug gebraucht" in result.output


def test_a_changed_panel_lottery_fails(app, panel_protocol, tmp_path):
    _, protocol, _ = panel_protocol
    changed = dict(protocol, panel=protocol["lottery"][186] if protocol["lottery"][186] != protocol["panel"]
                   else protocol["lottery"][0][::-1])
    path = tmp_path / "geaendert.json"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["lottery", "verify", str(path)])
    assert result.exit_code == 1
    assert "ist nicht Nr. 187" in result.output
