"""Plugins through entry points: lazy import, broken plugins named, duplicates refused."""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

import pytest

from attestkit import registry
from attestkit.cli.main import main
from attestkit.errors import PluginError


@pytest.fixture
def extra_collectors(monkeypatch):
    def install(*extra: EntryPoint) -> None:
        real = entry_points

        def fake(group: str):
            found = list(real(group=group))
            return found + [ep for ep in extra if ep.group == group]

        monkeypatch.setattr(registry, "entry_points", fake)
        registry.names.cache_clear()
        registry.plugin.cache_clear()

    yield install
    registry.names.cache_clear()
    registry.plugin.cache_clear()


def test_builtins_register_through_entry_points() -> None:
    assert {"aws"} <= set(registry.names(registry.COLLECTORS))
    assert "regorus" in registry.names(registry.ENGINES)
    assert {"json", "markdown", "terminal"} <= set(registry.names(registry.FORMATS))
    assert registry.plugin(registry.COLLECTORS, "aws").name == "aws"


def test_a_broken_plugin_is_named_and_does_not_break_the_others(extra_collectors, capsys) -> None:
    extra_collectors(EntryPoint(name="broken", value="attestkit_no_such_module:Collector", group=registry.COLLECTORS))
    assert main(["collect", "--help"]) == 0
    assert "(unavailable)" in capsys.readouterr().out
    assert main(["collect", "broken"]) == 2
    err = capsys.readouterr().err
    assert "plugin 'broken'" in err and "failed to import" in err and "ModuleNotFoundError" in err
    assert registry.plugin(registry.COLLECTORS, "aws").name == "aws"


def test_two_plugins_with_one_name_are_refused(extra_collectors) -> None:
    extra_collectors(EntryPoint(name="aws", value="acme_aws:Collector", group=registry.COLLECTORS))
    with pytest.raises(PluginError, match="two plugins named 'aws'"):
        registry.names(registry.COLLECTORS)


def test_unknown_plugin_lists_what_is_available() -> None:
    with pytest.raises(PluginError, match="no engine named 'nope'; available: .*regorus"):
        registry.plugin(registry.ENGINES, "nope")
