"""Content hashing, the content-addressed archive and the quarantine folder (docs/design.md "Paths")."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from pathlib import Path

from ingest.settings import Settings

CHUNK_BYTES = 1 << 20


def sha256_of(path: Path, content: bytes | None = None) -> str:
    """The file's SHA-256 (of `content`, its bytes, when already read)."""
    if content is not None:
        return hashlib.sha256(content).hexdigest()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_atomic(source: Path, target: Path, content: bytes | None = None) -> None:
    """Copy with the source's timestamps; `content`: the source's bytes when already read (written, not re-read)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}-{threading.get_ident()}.partial")  # own per thread
    if content is None:
        shutil.copy2(source, partial)
    else:
        partial.write_bytes(content)
        shutil.copystat(source, partial)
    os.replace(partial, target)


def archive(settings: Settings, path: Path, sha256: str, content: bytes | None = None) -> Path:
    """Copy to `<archive>/<sha[:2]>/<sha>__<name>` unless that copy exists (never overwritten)."""
    target = settings.archive_dir / sha256[:2] / f"{sha256}__{path.name}"
    if not target.exists():
        _copy_atomic(path, target, content)
    return target


def quarantine(settings: Settings, path: Path, levering_id: int, reden: dict[str, object]) -> Path:
    """Copy to `<quarantine>/<levering_id>__<name>` with `<...>.reden.json` next to it."""
    target = settings.quarantine_dir / f"{levering_id}__{path.name}"
    _copy_atomic(path, target)
    reden_path = target.with_name(target.name + ".reden.json")
    reden_path.write_text(json.dumps(reden, ensure_ascii=False, indent=2), encoding="utf-8")
    return target
