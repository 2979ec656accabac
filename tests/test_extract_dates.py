"""Document dates and relative dates."""

from __future__ import annotations

from datetime import date

from orchestration.core.extract.dates import find_text_date, first_date


def test_text_dates():
    assert find_text_date("Headline\n19/11/14\nBody") == date(2014, 11, 19)
    assert find_text_date("UNITED NATIONS, Nov. 19, 2014 (Reuters) - The council") == date(2014, 11, 19)
    assert find_text_date("UNITED NATIONS, May 26 (Reuters) - The council") is None
    assert find_text_date("UNITED NATIONS, May 26 (Reuters) - The council", date(2022, 5, 27)) == date(2022, 5, 26)
    assert find_text_date("No date here at all.") is None


def test_relative_dates():
    base = date(2014, 11, 19)  # a Wednesday
    assert first_date("voted on Tuesday", base) == date(2014, 11, 18)
    assert first_date("said on Wednesday", base) == date(2014, 11, 19)
    assert first_date("the vetoes two weeks earlier", base) == date(2014, 11, 5)
    assert first_date("said on November 14 that", base) == date(2014, 11, 14)
    assert first_date("last month", base) is None  # coarser than a day
    assert first_date("on Tuesday", None) is None  # no base: never guess


def test_extract_documents_frames_conform():
    import polars as pl

    from orchestration.core import schema
    from orchestration.core.extract import extract_documents

    docs = pl.DataFrame({"doc_id": ["a", "b"], "clean_text": ["The Council voted 13-2 on Monday.", ""],
                         "metadata_date": [date(2024, 1, 3), None]},
                        schema={"doc_id": pl.String, "clean_text": pl.String, "metadata_date": pl.Date})
    out = extract_documents(docs)
    assert set(out) == set(schema.EXTRACTED_TABLES)
    for name, frame in out.items():
        assert frame.schema == schema.EXTRACTED_TABLES[name]
    assert out["document_facts"].height == 2
