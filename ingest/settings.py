"""Where the pipeline reads and writes, configured from the environment (outputs.md, inputs.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PSEUDO_KEY_ENV = "JEUGDKPI_PSEUDO_KEY"


class MissingPseudoKeyError(RuntimeError):
    """Raised when the run would touch BSNs without a pseudonymisation key."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    landing_dir: Path

    @classmethod
    def from_env(cls) -> "Settings":
        data_dir = Path(os.environ.get("JEUGDKPI_DATA_DIR", "data")).resolve()
        landing = os.environ.get("JEUGDKPI_LANDING")
        return cls(data_dir=data_dir, landing_dir=Path(landing).resolve() if landing else data_dir / "landing")

    @property
    def warehouse_path(self) -> Path:
        return self.data_dir / "warehouse" / "warehouse.duckdb"

    @property
    def archive_dir(self) -> Path:
        return self.data_dir / "archive"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    @property
    def published_path(self) -> Path:
        return self.data_dir / "published" / "jeugdzorg.duckdb"

    def ensure_dirs(self) -> None:
        for path in (self.landing_dir, self.warehouse_path.parent, self.archive_dir,
                     self.quarantine_dir, self.published_path.parent):
            path.mkdir(parents=True, exist_ok=True)


def pseudo_key() -> bytes:
    """The HMAC key for BSN pseudonymisation; the run refuses to start without it."""
    key = os.environ.get(PSEUDO_KEY_ENV, "")
    if len(key) < 16:
        raise MissingPseudoKeyError(
            f"{PSEUDO_KEY_ENV} is not set (or shorter than 16 characters). Set it to a secret of at least "
            "16 characters before running; the demo creates one in data/.pseudo_key (outside git)."
        )
    return key.encode("utf-8")
