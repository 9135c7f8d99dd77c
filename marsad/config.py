"""One frozen configuration object, passed to every stage as `cfg`.

Defaults live in `defaults.toml` beside this file; `--config FILE` overrides any key.
Only this module reads the environment (MARSAD_CONFIG).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

DEFAULTS = Path(__file__).with_name("defaults.toml")


def _merge(base: dict, over: Mapping) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, Mapping) and isinstance(out.get(k), dict) else v
    return out


def _freeze(d: Mapping) -> Mapping:
    return MappingProxyType({k: _freeze(v) if isinstance(v, Mapping) else v for k, v in d.items()})


@dataclass(frozen=True)
class Config:
    values: Mapping[str, Any]

    def get(self, dotted: str, default: Any = None) -> Any:
        cur: Any = self.values
        for part in dotted.split("."):
            if not isinstance(cur, Mapping) or part not in cur:
                return default
            cur = cur[part]
        return cur

    def __reduce__(self):
        # Worker processes get the parent's configuration; a mappingproxy does not pickle.
        return _config_from_dict, (_thaw(self.values),)

    def __getitem__(self, dotted: str) -> Any:
        sentinel = object()
        v = self.get(dotted, sentinel)
        if v is sentinel:
            raise KeyError(dotted)
        return v


def _thaw(d: Mapping) -> dict:
    return {k: _thaw(v) if isinstance(v, Mapping) else v for k, v in d.items()}


def _config_from_dict(values: dict) -> Config:
    return Config(_freeze(values))


def load_config(path: str | os.PathLike | None = None, **overrides: Any) -> Config:
    """Defaults, then the file named by `path` (or $MARSAD_CONFIG), then dotted overrides."""
    values = tomllib.loads(DEFAULTS.read_text(encoding="utf-8"))
    path = path or os.environ.get("MARSAD_CONFIG")
    if path:
        values = _merge(values, tomllib.loads(Path(path).read_text(encoding="utf-8")))
    for dotted, v in overrides.items():
        section, _, key = dotted.partition("__")
        values = _merge(values, {section: {key: v}} if key else {section: v})
    return Config(_freeze(values))
