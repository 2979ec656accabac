"""The Parquet store between steps: a step loads only what it reads."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from orchestration.defs.resources import FramesIOManager, staged_input

KEY = dg.AssetKey("cleaned_documents")
FRAMES = {
    "documents": pl.DataFrame({"doc_id": ["d1"], "original_text": ["long text"], "clean_text": ["text"]}),
    "document_sources": pl.DataFrame({"doc_id": ["d1"], "source_name": ["a.txt"]}),
}


@pytest.fixture
def staged(tmp_path: Path) -> Path:
    FramesIOManager(base_dir=str(tmp_path)).handle_output(dg.build_output_context(asset_key=KEY), FRAMES)
    return tmp_path


def load(staged: Path, manager: FramesIOManager | None = None, asset_in: dg.AssetIn | None = None):
    manager = manager or FramesIOManager(base_dir=str(staged))
    metadata = asset_in.metadata if asset_in else None
    return manager.load_input(dg.build_input_context(asset_key=KEY, definition_metadata=metadata))


def test_a_step_loads_every_table_unless_it_names_some(staged: Path):
    assert {name: frame.to_dicts() for name, frame in load(staged).items()} == {
        name: frame.to_dicts() for name, frame in FRAMES.items()
    }
    only = load(staged, asset_in=staged_input({"documents": ["doc_id", "clean_text"]}))
    assert list(only) == ["documents"]
    assert only["documents"].columns == ["doc_id", "clean_text"]  # the original text stays on disk


def test_the_file_manager_hands_over_parquet_paths(staged: Path):
    files = load(staged, manager=FramesIOManager(base_dir=str(staged), as_files=True))
    assert set(files) == set(FRAMES)
    assert pl.read_parquet(files["document_sources"]).to_dicts() == FRAMES["document_sources"].to_dicts()


def test_asking_for_a_table_the_step_did_not_stage_says_which(staged: Path):
    with pytest.raises(dg.Failure, match="holds no rejects"):
        load(staged, asset_in=staged_input({"rejects": None}))
