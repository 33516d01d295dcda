"""The MT engine names: translate.mt.ENGINES is their one list; workflow.yaml's validation (a layer below mt, so it
cannot import it) accepts exactly those names, and `hexaglot draft --engine` offers them."""

from __future__ import annotations

import typing

import pytest

from translate.mt import ENGINES
from translate.workflow import MTSettings


def test_workflow_accepts_exactly_the_registered_engines() -> None:
    accepted = typing.get_args(MTSettings.model_fields["engine"].annotation)
    assert sorted(accepted) == sorted(ENGINES)
    for name in ENGINES:
        assert MTSettings(engine=name).engine == name
    with pytest.raises(ValueError):
        MTSettings(engine="deepl")
