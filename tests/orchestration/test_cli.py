"""The console script towards its caller: a reader that closes stdout early (`jeugdkpi status | head -1`), and how a
refresh keeps the loaded libraries out of the garbage collector's full collections."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

JEUGDKPI = Path(sys.executable).parent / "jeugdkpi"


def test_a_closed_stdout_ends_quietly(tmp_path: Path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line
    env = {k: v for k, v in os.environ.items() if not k.startswith("JEUGDKPI_")} | {"JEUGDKPI_DATA_DIR": str(tmp_path)}
    try:
        done = subprocess.run([str(JEUGDKPI), "status"], stdout=write_end, stderr=subprocess.PIPE, text=True,
                              env=env, timeout=120)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (1, "")


def test_a_run_freezes_the_loaded_objects_and_releases_them_after():
    from orchestration.cli import _loaded_objects_frozen

    before = gc.get_freeze_count()
    with _loaded_objects_frozen():
        inside = gc.get_freeze_count()
    assert (before, inside > 10_000, gc.get_freeze_count()) == (0, True, 0)
