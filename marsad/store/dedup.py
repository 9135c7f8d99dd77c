"""Near-duplicate detection: word shingles, MinHash signatures and LSH band keys.

Pure functions of (text, settings). The store keeps each document's band keys in an
index; a new document's candidates are the stored documents sharing at least one band
key (no all-pairs scan), and a candidate is a near-duplicate when the exact Jaccard
similarity of the two bodies' shingle sets reaches the threshold.

Why MinHash and not SimHash: on the dev reports (150-400 words) an edited first line
moves a 64-bit SimHash by up to 15-20 bits while unrelated reports on the same war
start at 19 bits, and no banding of 64 bits finds pairs 15 bits apart without
flooding the candidates. Shingle Jaccard separates the same pairs cleanly (edited
copies >= 0.646, different stories <= 0.02), and MinHash bands index it directly.
See docs/store.md.
"""
from __future__ import annotations

import functools
import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np

WORD = re.compile(r"\w+")
# MinHash permutations are h(x) = (a*x + b) mod p over 31-bit values, so a*x + b stays
# below 2**63 and numpy computes every permutation of every shingle at once exactly.
_PRIME = (1 << 31) - 1


@dataclass(frozen=True)
class DedupSettings:
    shingle_words: int = 3      # words per shingle
    bands: int = 20             # LSH bands
    rows: int = 3               # MinHash values per band
    min_words: int = 12         # shorter bodies are never matched (too little to compare)
    threshold: float = 0.6      # Jaccard similarity at which a candidate is a duplicate

    @classmethod
    def from_config(cls, cfg) -> "DedupSettings":
        return cls(shingle_words=int(cfg.get("store.dedup_shingle_words", cls.shingle_words)),
                   bands=int(cfg.get("store.dedup_bands", cls.bands)),
                   rows=int(cfg.get("store.dedup_rows", cls.rows)),
                   min_words=int(cfg.get("store.dedup_min_words", cls.min_words)),
                   threshold=float(cfg.get("store.dedup_threshold", cls.threshold)))


@dataclass(frozen=True)
class Fingerprint:
    """What the store keeps to find a body's duplicates: exact hash and band keys."""
    body_hash: str
    bands: tuple[int, ...]


def words(text: str) -> list[str]:
    """Case-folded word tokens: spacing, punctuation and case changes are not edits."""
    return WORD.findall(text.casefold())


def _hash31(shingle: str) -> int:
    # crc32 is stable across processes and runs (band keys are stored) and fast; the
    # MinHash permutations below do the mixing.
    return zlib.crc32(shingle.encode("utf-8")) % _PRIME


def shingles(tokens: list[str], size: int) -> frozenset[str]:
    """Every run of `size` consecutive words (the whole text if shorter)."""
    if not tokens:
        return frozenset()
    if len(tokens) <= size:
        return frozenset({" ".join(tokens)})
    return frozenset(" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1))


def body_shingles(body: str, settings: DedupSettings) -> frozenset[str]:
    return shingles(words(body), settings.shingle_words)


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@functools.lru_cache(maxsize=8)
def _permutations(n: int) -> tuple[np.ndarray, np.ndarray]:
    # Fixed, seed-free coefficients: every process and every run agrees on them.
    seeds = [hashlib.blake2b(f"marsad-minhash-{i}".encode(), digest_size=8).digest()
             for i in range(n)]
    a = np.array([int.from_bytes(s[:4], "big") % (_PRIME - 1) + 1 for s in seeds], dtype=np.uint64)
    b = np.array([int.from_bytes(s[4:], "big") % _PRIME for s in seeds], dtype=np.uint64)
    return a, b


def minhash(shingle_set: frozenset[str], n: int) -> tuple[int, ...]:
    """The MinHash signature: for each of `n` permutations, the smallest shingle image."""
    if not shingle_set:
        return ()
    a, b = _permutations(n)
    x = np.fromiter(map(_hash31, shingle_set), dtype=np.uint64, count=len(shingle_set))
    images = (a[:, None] * x[None, :] + b[:, None]) % np.uint64(_PRIME)
    return tuple(int(v) for v in images.min(axis=1))


def band_keys(signature: tuple[int, ...], rows: int) -> tuple[int, ...]:
    """One key per band of `rows` signature values; the band number is part of the key,
    so equal keys mean the same band agrees. Keys fit a signed 64-bit column."""
    keys = []
    for band, start in enumerate(range(0, len(signature) - rows + 1, rows)):
        values = ",".join(str(v) for v in signature[start:start + rows])
        digest = hashlib.blake2b(f"{band}:{values}".encode(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)
    return tuple(keys)


def body_hash(tokens: list[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()


def fingerprint(body: str, settings: DedupSettings) -> Fingerprint | None:
    """The body's fingerprint, or None when it is too short to be compared safely."""
    tokens = words(body)
    if len(tokens) < settings.min_words:
        return None
    sig = minhash(shingles(tokens, settings.shingle_words), settings.bands * settings.rows)
    return Fingerprint(body_hash(tokens), band_keys(sig, settings.rows))


def similarity(body_a: str, body_b: str, settings: DedupSettings) -> float:
    """Exact Jaccard similarity of two bodies' shingle sets."""
    return jaccard(body_shingles(body_a, settings), body_shingles(body_b, settings))
