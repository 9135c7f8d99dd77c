import pytest

from marsad.config import load_config


def test_defaults_load():
    cfg = load_config()
    assert cfg["ingest.max_bytes"] > 1_000_000
    assert cfg.get("no.such.key", 7) == 7


def test_file_overrides_one_key_and_keeps_others(tmp_path):
    f = tmp_path / "c.toml"
    f.write_text("[ingest]\nmax_bytes = 10\n")
    cfg = load_config(f)
    assert cfg["ingest.max_bytes"] == 10
    assert cfg["ingest.max_gzip_ratio"] == load_config()["ingest.max_gzip_ratio"]


def test_config_is_frozen():
    cfg = load_config()
    with pytest.raises(TypeError):
        cfg.values["ingest"]["max_bytes"] = 1
