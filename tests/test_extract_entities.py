"""Actor mentions: countries by every name, organizations, and people."""

from __future__ import annotations

from orchestration.core.extract import extract_one


def actors(text):
    r = extract_one("d", text, None)["mentions"]
    return {(m["actor_name"], m["actor_type"]) for m in r}, r


def test_country_aliases_demonyms_metonyms():
    got, rows = actors("The DPRK and the Russian Federation met U.S. and Britain's envoys; Pyongyang, Moscow, Beijing and "
                       "Washington traded barbs while a Chinese diplomat watched. The Syrian Arab Republic and Türkiye abstained.")
    names = {n for n, t in got if t == "country"}
    assert {"North Korea", "Russia", "United States", "United Kingdom", "China", "Syria", "Turkey"} <= names
    codes = {m["actor_name"]: m["country_code"] for m in rows if m["actor_type"] == "country"}
    assert codes["North Korea"] == "PRK" and codes["Russia"] == "RUS"


def test_no_false_countries():
    got, _ = actors("The Korean Peninsula and Latin American states met in New York. The Washington Post reported it.")
    names = {n for n, t in got if t == "country"}
    assert names == set()


def test_un_bodies_and_organizations():
    got, _ = actors("The UN General Assembly, the Security Council, ECOSOC, the Human Rights Council, UNICEF, the IAEA, "
                    "NATO and the European Union all commented, Reuters and Xinhua reported.")
    orgs = {n for n, t in got if t == "organization"}
    assert {"General Assembly", "Security Council", "Economic and Social Council", "Human Rights Council", "UNICEF",
            "International Atomic Energy Agency", "NATO", "European Union", "Reuters", "Xinhua"} <= orgs


def test_people_with_titles_apposition_and_surnames():
    got, rows = actors("China's U.N. Ambassador Fu Cong spoke first. Wang Wenbin, a spokesman for the Chinese foreign ministry, "
                       "later said that Fu had been clear.\nBy Emma Farge")
    people = {n for n, t in got if t == "person"}
    assert {"Fu Cong", "Wang Wenbin", "Emma Farge"} <= people
    fu = [m for m in rows if m["actor_name"] == "Fu Cong"]
    assert len(fu) == 2 and fu[0]["affiliation"] == "China" and fu[0]["role"] == "ambassador"


def test_no_junk_people_from_chrome():
    got, _ = actors("Page Nav\n\nGradient Skin\n\nResponsive Ad\n\nThe council met on Monday.")
    assert not {n for n, t in got if t == "person"}


def test_capital_as_a_place_is_not_the_government():
    got, _ = actors("Griffiths told a conference in Paris last month that donors had failed. Washington said it would veto.")
    names = {n for n, t in got if t == "country"}
    assert "France" not in names and "United States" in names


def test_title_case_headline_is_not_an_organization():
    got, _ = actors("Economic and Social Council Grants Status to Press Group after Recorded Vote, Takes Note of Committee Report\n\n"
                    "The Council met today.")
    assert not any("Takes" in n for n, _ in got)


def test_forces_head_with_three_words():
    got, _ = actors("Both the army and the Rapid Support Forces had committed violations.")
    assert ("Rapid Support Forces", "organization") in got


def kinds(text):
    return actors(text)[0]


def test_officials_in_a_capital_are_its_government():
    assert ("Japan", "country") in kinds("The launch was confirmed by officials in Tokyo on Monday.")
    assert ("Japan", "country") not in kinds("The conference was held in Tokyo on Monday.")


def test_person_by_age_apposition_and_possessive_term():
    got = kinds("Protests followed the death of Nadia Karimi, a 19-year-old student. The report came at the end of "
                 "Helga Brandt's term as special rapporteur.")
    assert ("Nadia Karimi", "person") in got and ("Helga Brandt", "person") in got


def test_name_with_initials():
    assert ("R.K. Menon", "person") in kinds("Sri Lanka's ambassador, R.K. Menon, said the text was unbalanced.")


def test_outlet_in_dateline_and_byline():
    got = kinds("By a Harbour Report correspondent\n\nGENEVA, May 3 (Lakeside Wire) — The council met.")
    assert ("Lakeside Wire", "organization") in got and ("Harbour Report", "organization") in got
    assert not any(n == "Wire" for n, _ in kinds("GENEVA, May 3 (Wire) — The council met."))


def test_administration_named_after_its_president():
    assert ("Obama", "person") in kinds("The listing was lifted in the last year of the Obama administration.")


def test_lower_case_description_of_the_rights_office_is_no_actor():
    assert not any("High Commissioner" in n for n, _ in kinds("A report by the UN human rights office found abuses."))
    assert ("Office of the UN High Commissioner for Human Rights", "organization") in kinds("The OHCHR published a report.")


def test_organization_named_head_first():
    got = kinds("The text overturned a recommendation of its Committee on Rural Cooperatives last week.")
    assert ("Committee on Rural Cooperatives", "organization") in got
    assert not any(n.startswith("Council on") for n, _ in kinds("The Council on Monday adopted the text."))
