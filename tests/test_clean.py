"""Clean: chrome and repeats go, the article stays, and the same text always gets the same id."""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.core import clean, ingest

BODY = [
    "Envoys gathered in New York on Thursday for a vote on the draft.",
    "The draft was adopted by 12 votes to none, with 3 abstentions.",
    "The ambassador said the text reflected months of negotiation.",
]


def test_web_chrome_is_dropped_and_article_kept():
    page = "\n\n".join(
        ["Page Nav", "HIDE", "Dark Theme", "Dark_Theme", "Sidebar Ads", "Top Ad", "Image: Wire Agency", *BODY, "Share this", "No comments:", "Post a Comment", "Source link"]
    )
    assert clean.clean_text(page).split("\n\n") == BODY


def test_repeated_body_and_bulleted_repeat_are_dropped_but_new_bullets_kept():
    text = "\n".join(BODY + BODY[1:] + ["- " + BODY[0], "- A new point that appears only in the list."])
    assert clean.clean_text(text).split("\n\n") == BODY + ["A new point that appears only in the list."]


def test_teaser_cut_short_is_dropped_when_the_full_paragraph_is_there():
    teaser = "Wire - Envoys gathered in New York on Thursday for a vote..."
    assert clean.clean_text("\n\n".join([teaser, *BODY])).split("\n\n") == BODY


def test_hard_wrapped_sentence_is_joined():
    wrapped = "The assembly on Tuesday adopted a long resolution on the situation in\nthe region and called on all of the parties to the conflict to\nNegotiate in good faith.\nA second paragraph."
    assert clean.clean_text(wrapped).split("\n\n") == [
        "The assembly on Tuesday adopted a long resolution on the situation in the region and called on all of the parties to the conflict to Negotiate in good faith.",
        "A second paragraph.",
    ]


def test_title_is_the_first_paragraph_only_when_it_reads_like_a_headline():
    assert clean.guess_title("Council splits over sanctions\n\n" + BODY[0]) == "Council splits over sanctions"
    assert clean.guess_title(BODY[0] + "\n\n" + BODY[1]) is None


def test_same_article_under_two_names_is_one_document_with_both_names():
    now = dt.datetime(2024, 1, 1)
    parsed = pl.DataFrame(
        [
            {"source_name": "b.txt", "body_text": "\n".join(BODY), "ingested_at": now},
            {"source_name": "a.html", "body_text": "Page Nav\n\n" + "\n\n".join(BODY) + "\n\nShare this", "ingested_at": now},
            {"source_name": "c.txt", "body_text": "Another article entirely, about a different vote.", "ingested_at": now},
        ],
        schema_overrides=ingest.PARSED_DOCUMENT,
    ).with_columns(pl.lit(None, pl.String).alias("title"))
    cleaned = clean.clean_documents(parsed)
    documents, sources = clean.split_new_documents(cleaned, pl.Series([], dtype=pl.String))
    assert sorted(documents["source_name"]) == ["a.html", "c.txt"]
    assert sources.height == 3 and sources["doc_id"].n_unique() == 2
    known = documents.filter(pl.col("source_name") == "c.txt")["doc_id"]
    again, _ = clean.split_new_documents(cleaned, known)
    assert again["source_name"].to_list() == ["a.html"]
    assert documents["word_count"].to_list()[0] == clean.word_count("\n".join(BODY))


def test_word_count_and_id_from_paragraph_keys_equal_the_general_functions():
    # the first two take the fast path (plain text, curly quotes, dashes, an ellipsis); the others
    # the general one: a letter casefolding re-segments (İ), a ligature NFKC splits, a bullet kept
    # at a paragraph start after the line's own bullet went
    texts = [
        "\n\n".join(BODY),
        "“We won’t accept it,” the envoy said — twice… The vote was 12–3.\n\nSecond paragraph here.",
        "Talks in İstanbul resumed on Monday.\n\nThe ﬁnal text was agreed.",
        "- 1. A point numbered inside a bullet.\n\nCafé owners in Genève closed early.",
    ]
    for text in texts:
        cleaned = clean.clean_text(text)
        assert clean.clean_with_measures(text) == (cleaned, clean.word_count(cleaned), clean.document_id(cleaned))
