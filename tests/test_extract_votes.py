"""Vote reports: each form of UN vote reporting, and the things that are not votes."""

from __future__ import annotations

from datetime import date

import pytest

from orchestration.core.extract import extract_one


def votes(text, when=None):
    r = extract_one("d", text, when)
    out = []
    for v in r["vote_reports"]:
        pos = {p["country"]: (p["position"], p["is_veto"]) for p in r["vote_report_positions"] if p["report_index"] == v["report_index"]}
        out.append((v["body"], v["yes_count"], v["no_count"], v["abstain_count"], v["outcome"], pos, v["vote_date"]))
    return out


def test_recorded_vote_with_bracketed_lists():
    (v,) = votes("The Assembly adopted the resolution on the Golan by a recorded vote of 91 in favour to 8 against "
                 "(Canada, Israel, Marshall Islands, Micronesia (Federated States of), Palau, United Kingdom, United States, Hungary), "
                 "with 62 abstentions (Albania, Australia).")
    body, y, n, a, outcome, pos, _ = v
    assert (body, y, n, a, outcome) == ("General Assembly", 91, 8, 62, "adopted")
    assert pos["Micronesia"] == ("no", False) and pos["Israel"] == ("no", False) and pos["Australia"] == ("abstain", False)


def test_american_spelling_passes_by():
    (v,) = votes("The measure passes by 120 votes in favor to 9 against in the General Assembly, with 31 abstentions.")
    assert v[:5] == ("General Assembly", 120, 9, 31, "adopted")


def test_hyphenated_security_council_tally():
    (v,) = votes("The Security Council voted 14-0 with one abstention to renew the mission in South Sudan.")
    assert v[:5] == ("Security Council", 14, 0, 1, "adopted")


def test_votes_to_none():
    (v,) = votes("The Security Council adopted the text by 12 votes to none, with 3 abstentions.")
    assert v[:5] == ("Security Council", 12, 0, 3, "adopted")


def test_tally_spread_over_sentences_in_words():
    (v,) = votes("The General Assembly resolution on Crimea was backed by 100 members. Fifty-eight countries abstained, "
                 "while Armenia, Belarus, Bolivia, Cuba, Nicaragua, North Korea, Russia, Sudan, Syria, Venezuela and Zimbabwe voted against.")
    body, y, n, a, outcome, pos, _ = v
    assert (body, y, a, outcome) == ("General Assembly", 100, 58, "adopted")
    assert {c for c, (p, _) in pos.items() if p == "no"} >= {"Armenia", "Russia", "Zimbabwe", "North Korea"}


def test_joined_in_voting_against_counts_the_joined_country():
    (v,) = votes("The General Assembly adopted the text with 141 votes in favour. Only four countries joined Russia in voting against, and 32 abstained.")
    assert v[1:4] == (141, 5, 32)
    assert v[5]["Russia"] == ("no", False)


def test_out_of_193():
    (v,) = votes("In the General Assembly, 143 out of 193 members voted in favour of the resolution, which was adopted.")
    assert v[0] == "General Assembly" and v[1] == 143 and v[4] == "adopted"


def test_unanimous_council():
    (v,) = votes("The Security Council unanimously adopted resolution 2728 on Monday.", date(2024, 3, 27))
    assert v[:5] == ("Security Council", 15, 0, 0, "adopted")
    assert v[6] == date(2024, 3, 25)


@pytest.mark.parametrize("phrase", ["without a vote", "by consensus"])
def test_consensus_is_adopted_without_tally(phrase):
    (v,) = votes(f"The Third Committee approved {phrase} a draft resolution on the rights of older persons.")
    assert v[:5] == ("General Assembly Third Committee", None, None, None, "adopted")


@pytest.mark.parametrize("committee", ["THIRD COMMITTEE", "third committee", "Human Rights Committee"])
def test_a_committee_is_found_whatever_its_capitals(committee):
    # headlines and scraped copies write the body in capitals or in none
    (v,) = votes(f"The {committee} approved without a vote a draft resolution on the rights of older persons.")
    assert v[0] == "General Assembly Third Committee"


def test_veto_by_one_permanent_member():
    (v,) = votes("Russia vetoed a Security Council resolution on Tuesday that would have condemned the annexation.")
    assert v[0] == "Security Council" and v[4] == "vetoed" and v[5]["Russia"] == ("no", True)


def test_veto_by_two_with_cast_veto():
    (v,) = votes("China and Russia cast their vetoes against the draft, which had the support of 13 council members.")
    assert v[0] == "Security Council" and v[4] == "vetoed"
    assert v[5]["China"] == ("no", True) and v[5]["Russia"] == ("no", True)


def test_negative_vote_of_permanent_member():
    (v,) = votes("The draft resolution failed owing to the negative vote of a permanent member of the Council. "
                 "It received 11 votes in favour, 1 against (United States) and 3 abstentions (Russian Federation, China, United Kingdom).")
    assert v[:5] == ("Security Council", 11, 1, 3, "vetoed")
    assert v[5]["United States"] == ("no", True)


def test_human_rights_council_vote():
    (v,) = votes("The Human Rights Council in Geneva adopted the resolution by a vote of 28 in favour to 6 against, with 13 abstentions.")
    assert v[:5] == ("Human Rights Council", 28, 6, 13, "adopted")


def test_the_council_resolved_from_context():
    (v,) = votes("The Human Rights Council met on Friday. The council then rejected the motion by 19 votes to 23, with 5 abstentions.")
    assert v[:5] == ("Human Rights Council", 19, 23, 5, "rejected")


def test_same_vote_mentioned_twice_is_one_report():
    out = votes("The Security Council adopted a resolution on Libya by 13 votes to 0, with 2 abstentions. "
                "Diplomats said the resolution, adopted 13-0, was a compromise.")
    assert len(out) == 1


def test_two_distinct_votes():
    out = votes("The General Assembly adopted the first text by 150 votes to 3, with 10 abstentions. "
                "It then adopted a second resolution by 120 votes to 12, with 40 abstentions.")
    assert sorted((v[1], v[2], v[3]) for v in out) == [(120, 12, 40), (150, 3, 10)]


@pytest.mark.parametrize("text", [
    "The resolution needs the minimum nine votes needed for adoption in the 15-member council.",
    "The 193-member assembly will vote on the text next month.",
    "Russia is likely to veto the measure if it is put to a vote.",
    "The council is expected to vote on Friday on a draft by Malta.",
    "North Korea exported 4 million barrels in 2017 and 525,000 tons of coal.",
    "Vetoes do not apply on procedural issues.",
    "The foreign minister rejected the resolution as biased.",
])
def test_not_votes(text):
    assert votes(text) == []


# --- forms found on the blind set (tests/articles_blind) ---

def test_voting_in_favour_spread_in_one_clause():
    (v,) = votes("The General Assembly adopted the text on Friday, with 120 countries voting in favour, 14 against and 45 abstaining.")
    assert v[:5] == ("General Assembly", 120, 14, 45, "adopted")


def test_vote_in_the_body_was_with_named_abstainer_and_veto():
    (v,) = votes("The United States vetoed the resolution on Friday. The vote in the 15-member council was 13-1, with the United Kingdom abstaining.")
    body, y, n, a, outcome, pos, _ = v
    assert (body, y, n, a, outcome) == ("Security Council", 13, 1, 1, "vetoed")
    assert pos["United States"] == ("no", True) and pos["United Kingdom"] == ("abstain", False)


def test_rejected_by_larger_side_first():
    (v,) = votes("The motion was defeated by 19 votes to 17, with 11 abstentions, in the Human Rights Council.")
    assert v[:5] == ("Human Rights Council", 17, 19, 11, "rejected")


def test_named_lists_are_the_counts_and_a_p5_no_is_a_veto():
    (v,) = votes("Eleven council members voted in favor of the Security Council draft, while Russia, China and Algeria voted against and Guyana abstained.")
    body, y, n, a, outcome, pos, _ = v
    assert (body, y, n, a, outcome) == ("Security Council", 11, 3, 1, "vetoed")
    assert pos["Russia"] == ("no", True) and pos["China"] == ("no", True) and pos["Algeria"] == ("no", False)


def test_partial_list_is_not_a_count():
    (v,) = votes("The Human Rights Council rejected the motion by 19 votes to 17. China, Indonesia and Qatar were among the countries voting against.")
    assert v[1:4] == (17, 19, None)


def test_opposed_and_possessive_no_vote():
    (v,) = votes("The vote in the Security Council was 12 in favor, the United States opposed and two abstentions, from Britain and Switzerland.")
    assert v[1:5] == (12, 1, 2, "vetoed")
    (v,) = votes("The Brazilian draft in the Security Council received 12 votes in favour, with Russia and Britain abstaining, but Washington's no vote killed it.")
    assert v[1:5] == (12, 1, 2, "vetoed") and v[5]["United States"] == ("no", True)


def test_remaining_members_and_named_abstainer_complete_fifteen():
    (v,) = votes("The Security Council demanded a ceasefire after the United States abstained. The remaining 14 council members voted in favor of the resolution.")
    assert v[1:5] == (14, 0, 1, "adopted")


def test_dash_bracketed_list():
    (v,) = votes("The General Assembly vote was 187 in favour to two against -- the United States and Israel -- with Ukraine abstaining.")
    body, y, n, a, outcome, pos, _ = v
    assert (y, n, a, outcome) == (187, 2, 1, "adopted")
    assert pos["Israel"] == ("no", False) and pos["United States"] == ("no", False) and pos["Ukraine"] == ("abstain", False)


def test_list_with_the_before_names():
    (v,) = votes("The General Assembly adopted the text by 143 votes to nine, with 25 abstentions. The United States, Israel, Argentina, "
                 "the Czech Republic and Hungary voted against.")
    assert {c for c, (p, _) in v[5].items() if p == "no"} == {"United States", "Israel", "Argentina", "Czech Republic", "Hungary"}


@pytest.mark.parametrize("text", [
    "A resolution in the Security Council needs at least nine votes in favor and no vetoes to pass.",
    "The Security Council has adopted only two resolutions on Gaza since October 7.",
    "The First Committee today approved 19 draft resolutions and decisions.",
])
def test_thresholds_and_summaries_are_not_votes(text):
    assert votes(text) == []


def test_list_joined_another_in_voting_against():
    (v,) = votes("The General Assembly resolution passed with 141 votes in favor, seven against and 32 abstentions. "
                 "Belarus, North Korea, Eritrea, Mali, Nicaragua and Syria joined Russia in voting against.")
    assert v[1:5] == (141, 7, 32, "adopted")
    assert {c for c, (p, _) in v[5].items() if p == "no"} == {"Belarus", "North Korea", "Eritrea", "Mali", "Nicaragua", "Syria", "Russia"}


def test_list_sided_with_another_in_opposing():
    (v,) = votes("The Assembly backed the text by 130 votes to 4, with 20 abstentions. Just Cuba, Laos and Nicaragua "
                 "sided with Iran in opposing it.")
    assert v[:4] == ("General Assembly", 130, 4, 20)
    assert {c for c, (p, _) in v[5].items() if p == "no"} == {"Cuba", "Laos", "Nicaragua", "Iran"}


def test_voting_no_were_list():
    (v,) = votes("The General Assembly adopted the declaration by a vote of 120 to 3, with 40 abstentions. "
                 "Voting no were Mali, Chad and Niger.")
    assert {c for c, (p, _) in v[5].items() if p == "no"} == {"Mali", "Chad", "Niger"}


def test_lead_date_carries_to_tally_sentence():
    (v,) = votes("The General Assembly on Tuesday called for a truce in the Sahel region.\n\n"
                 "The resolution was adopted by a recorded vote of 110 in favour to 12 against, with 30 abstentions.",
                 date(2024, 3, 7))
    assert v[:5] == ("General Assembly", 110, 12, 30, "adopted") and v[6] == date(2024, 3, 5)


def test_today_in_press_release_lead_dates_the_vote():
    (v,) = votes("Human Rights Council\n\n4 April 2024\n\nThe Human Rights Council today extended the mandate of its "
                 "expert on Belarus for one more year.\n\nThe text was adopted by a vote of 30 in favour to 5 against, "
                 "with 12 abstentions.", date(2024, 4, 4))
    assert v[0] == "Human Rights Council" and v[6] == date(2024, 4, 4)


def test_lead_of_another_body_does_not_date_the_vote():
    got = votes("The Security Council on Monday heard a briefing on the Sahel from the envoy.\n\n"
                "The General Assembly resolution was adopted by 110 votes to 12, with 30 abstentions.", date(2024, 3, 7))
    assert [v[6] for v in got if v[0] == "General Assembly"] == [None]


def test_no_date_without_a_document_date():
    (v,) = votes("The General Assembly on Tuesday called for a truce.\n\nThe resolution was adopted by 110 votes to 12, "
                 "with 30 abstentions.")
    assert v[6] is None


def test_passing_veto_gets_its_own_weekday():
    got = votes("The General Assembly on Monday adopted a text on the Sahel by 150 votes to 8, with 12 abstentions. "
                "It came days after China vetoed a similar Council draft on Friday.", date(2024, 3, 11))
    assert ("General Assembly", 150, 8, 12, "adopted") == got[0][:5] and got[0][6] == date(2024, 3, 11)
    assert got[1][4] == "vetoed" and got[1][6] == date(2024, 3, 8)


def test_last_years_abstentions_are_no_vote():
    got = votes("The Assembly adopted the resolution by 180 votes to 3, with 2 abstentions. The result matched "
                "last year's, when four countries abstained.", date(2024, 11, 1))
    assert [v[1:4] for v in got] == [(180, 3, 2)]


def test_bare_hyphenated_tally_after_the_text_or_the_subject():
    # a tally set off by commas after the object, or after the subject, is read whole
    (v,) = votes("The Security Council this week endorsed a draft on school meals, 13-0, with 2 abstentions.")
    assert v[:5] == ("Security Council", 13, 0, 2, "adopted")
    (v,) = votes("The General Assembly, 150-6-20, approved a resolution on ocean plastics.")
    assert v[:5] == ("General Assembly", 150, 6, 20, "adopted")
    (v,) = votes("The Security Council adopted a text on Sahel refugees 10-2-3.")
    assert v[:5] == ("Security Council", 10, 2, 3, "adopted")


def test_number_ranges_are_no_bare_tally():
    got = votes("The General Assembly adopted a resolution recalling Articles 55-56, with no vote recorded.")
    assert all(v[1] is None and v[2] is None for v in got)
    assert votes("Delegates met on 10-12 June and heard 40-50 speakers, with no text before them.") == []
