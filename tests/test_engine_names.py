"""The MT engine names are listed once (translate.engines.ENGINES, below both workflow and mt in the layers):
workflow.yaml's validation accepts exactly those names, every one of them creates its engine, and
`hexaglot draft --engine` offers them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from translate import engines, mt, workflow
from translate.cli.mt_cmds import draft_cmd
from translate.mt.base import Engine
from translate.workflow import MTSettings


def test_workflow_and_mt_read_the_one_table() -> None:
    assert mt.ENGINES is engines.ENGINES
    assert workflow.EngineName is engines.EngineName


@pytest.mark.parametrize("name", sorted(engines.ENGINES))
def test_every_listed_name_is_accepted_by_workflow_yaml_and_names_a_real_engine(name: str) -> None:
    assert MTSettings(engine=name).engine == name
    assert issubclass(mt.engine_class(name), Engine)


def test_a_name_not_listed_is_refused_by_workflow_yaml_and_by_mt() -> None:
    with pytest.raises(ValueError, match="marian"):
        MTSettings(engine="deepl")
    with pytest.raises(mt.HexaglotError, match="unknown MT engine 'deepl'"):
        mt.engine_class("deepl")


def test_draft_offers_exactly_the_listed_names() -> None:
    result = CliRunner().invoke(draft_cmd, ["--help"], terminal_width=200)
    offered = result.output.split("--engine [", 1)[1].split("]", 1)[0].split("|")
    assert sorted(offered) == sorted(engines.ENGINES)
