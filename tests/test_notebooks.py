"""The notebooks run from a clean state: each is re-executed in a temporary copy, against a graph
folder that does not exist yet (so the notebook's own build step runs), and any error fails.

Slow (a kernel per notebook and one seeds build): deselect with ``-m "not notebooks"``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT

nbformat = pytest.importorskip("nbformat", reason="the notebook tests need the dev extras")
nbclient = pytest.importorskip("nbclient", reason="the notebook tests need the dev extras")
pytest.importorskip("ipykernel", reason="the notebook tests need the dev extras")
pytest.importorskip("matplotlib", reason="the notebook tests need the dev extras")

pytestmark = pytest.mark.notebooks

NOTEBOOKS = ROOT / "notebooks"
NAMES = ["explore.ipynb", "gephi.ipynb"]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """One folder for both notebooks: the first one run builds ``out/`` there, the next reuses it."""
    return tmp_path_factory.mktemp("notebooks")


def _execute(path: Path, workdir: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}
    )
    client.execute()  # raises CellExecutionError, with the failing cell and traceback, on any error
    return nb


def _outputs(nb) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_without_errors(name, workdir, monkeypatch):
    copy = workdir / name
    shutil.copyfile(NOTEBOOKS / name, copy)
    monkeypatch.setenv("NEWSGRAPH_ROOT", str(ROOT))
    monkeypatch.setenv("NEWSGRAPH_OUT", str(workdir / "out"))
    monkeypatch.setenv("MPLBACKEND", "agg")
    nb = _execute(copy, workdir)
    outputs = _outputs(nb)
    assert not [o for o in outputs if o["output_type"] == "error"]
    text = json.dumps(outputs, ensure_ascii=False)
    assert "Traceback" not in text
    if name == "explore.ipynb":
        assert any("image/png" in o.get("data", {}) for o in outputs), "no plot"
        assert "王志杰" in text and "区委书记" in text
    else:
        assert (workdir / "out" / "subgraph.graphml").stat().st_size > 0  # written where it was told


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_has_its_outputs(name):
    """Commit-ready: executed top to bottom, so it reads well on a code host without running it."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.get("outputs") for c in code), "a code cell has no output: execute the notebook"
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    assert not [o for o in _outputs(nb) if o["output_type"] == "error"]
    assert str(ROOT) not in json.dumps(nb, ensure_ascii=False), "an absolute path of this machine"
