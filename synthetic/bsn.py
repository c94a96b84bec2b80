"""Burgerservicenummers that pass (or deliberately fail) the elfproef."""

from __future__ import annotations

import numpy as np

WEIGHTS = np.array([9, 8, 7, 6, 5, 4, 3, 2, -1])


def elfproef(bsn: str) -> bool:
    """True when a 9-digit string passes the BSN elfproef (weights 9..2, -1; sum divisible by 11, not zero)."""
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    total = int(np.dot(WEIGHTS, [int(c) for c in bsn]))
    return total % 11 == 0 and total != 0


def valid_bsns(rng: np.random.Generator, n: int) -> np.ndarray:
    """n distinct random BSNs (as 9-character strings) that pass the elfproef; never 999999999."""
    found: list[np.ndarray] = []
    count = 0
    while count < n:
        body = rng.integers(0, 10, size=(2 * (n - count) + 16, 8))
        body[:, 0] = rng.integers(1, 7, size=len(body))  # realistic first digit, keeps 999999999 out
        check = (body @ WEIGHTS[:8]) % 11
        ok = body[check < 10]
        digits = np.column_stack([ok, check[check < 10]])
        found.append(digits)
        count += len(digits)
    digits = np.unique(np.concatenate(found), axis=0)
    digits = digits[rng.permutation(len(digits))][:n]
    if len(digits) < n:  # duplicates removed: top up
        extra = valid_bsns(rng, n - len(digits))
        return np.concatenate([_to_str(digits), extra])
    return _to_str(digits)


def broken_bsn(bsn: str) -> str:
    """The same BSN with its last digit changed so the elfproef fails."""
    return bsn[:8] + str((int(bsn[8]) + 1) % 10)


def _to_str(digits: np.ndarray) -> np.ndarray:
    return np.array(["".join(map(str, row)) for row in digits], dtype=object)
