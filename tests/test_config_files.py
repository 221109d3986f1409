"""Config files are validated: an unknown key is a one-line error naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli_e2e import graphbuild
from test_no_tracebacks import one_line_error

from graphbuild.config import Settings
from graphbuild.errors import ConfigError


def test_an_unknown_config_key_names_the_file_and_the_key(tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "graphbuild.toml"
    config.write_text('datadir = "elsewhere"\n', encoding="utf-8")
    monkeypatch.setenv("GRAPHBUILD_CONFIG", str(config))
    with pytest.raises(ConfigError) as caught:
        Settings.resolve()
    assert str(config) in str(caught.value)
    assert "'datadir'" in str(caught.value) and "Did you mean 'data_dir'" in str(caught.value)


def test_an_unknown_config_key_is_one_line_on_the_cli(tmp_path: Path) -> None:
    (tmp_path / "graphbuild.toml").write_text("batchsize = 10\n", encoding="utf-8")
    done = graphbuild("store", "status", cwd=tmp_path)
    one_line_error(done, "graphbuild.toml", "'batchsize'", "batch_size")


def test_known_keys_are_read(tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "graphbuild.toml"
    config.write_text("batch_size = 10\nquery_timeout = 5\n", encoding="utf-8")
    monkeypatch.setenv("GRAPHBUILD_CONFIG", str(config))
    settings = Settings.resolve()
    assert settings.batch_size == 10 and settings.query_timeout == 5.0
