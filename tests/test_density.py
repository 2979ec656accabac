"""The density benchmark's pieces (benchmarks/density.py, growth.py --dated-within): the date of
a new article, known before it is written, and an inbox of a corpus's articles of its first days."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import density  # noqa: E402
import generate_corpus  # noqa: E402
import run as bench  # noqa: E402

SEED = 5


def _article_date(name: str, seed: int):
    return generate_corpus.make_article(seed, int(re.search(r"doc_(\d+)\.", name).group(1)))["published"]


def test_the_date_of_a_new_article_is_the_date_of_the_article_written(tmp_path: Path):
    for seed in (7_000_003, 7_400_207, 7_500_001):
        written = bench.new_article(tmp_path, seed)
        assert bench.new_article_date(seed) == _article_date(written.name, seed)


def test_a_dense_inbox_holds_the_file_articles_of_the_first_days_alone(tmp_path: Path):
    corpus = tmp_path / "corpus"
    generate_corpus.generate_corpus(corpus, 300, SEED, workers=1)
    days = generate_corpus.DAY_SPAN // 3
    linked = density.dense_inbox(corpus, SEED, days, tmp_path / "inbox")

    inbox = {path.name for path in (tmp_path / "inbox").iterdir()}
    articles = {path.name for path in corpus.iterdir() if density.ARTICLE_FILE.match(path.name)}
    assert linked == len(inbox) and 0 < linked < len(articles)
    end = density.window_end(days)
    assert all(_article_date(name, SEED) < end for name in inbox)
    assert all(_article_date(name, SEED) >= end for name in articles - inbox)
