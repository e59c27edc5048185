"""A small varied corpus, built as the merge benchmark builds its own (``benchmarks/corpus.py``):
school workbooks from seeded random data, ``.xlsx`` and ``.xlsm``, three re-saved by LibreOffice
Calc when soffice is installed."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from support import REPO

BUILT = 8
RESAVED = 3


@pytest.fixture(scope="session")
def varied(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name -> path: ``p000.xlsx``... as built, ``lo-p000.xlsx``... as LibreOffice re-saved them."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import corpus

    folder = tmp_path_factory.mktemp("varied")
    built = []
    for index in range(BUILT):
        suffix, data = corpus._build_one(("varied", 14, index))
        path = folder / f"p{index:03d}{suffix}"
        path.write_bytes(data)
        built.append(path)
    files = {path.name: path for path in built}
    if shutil.which("soffice"):
        for path in corpus._resave(folder, built[:RESAVED]):
            files[f"lo-{path.name}"] = path
    return files
