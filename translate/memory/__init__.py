"""Translation memory: TMX files under ``memories/`` (the truth), a fuzzy index (a cache), pre-translation
and write-back of approved segments.

* :class:`~translate.memory.store.Memory` - TMX files plus the index; ``search()`` returns scored matches.
* :func:`open_workflow_memory` - the memory a workflow names in ``memories:``.
* :func:`translate.memory.pretranslate.pretranslate_catalog` - exact and context matches become drafts.
* :func:`translate.memory.writeback.update_memory_from_workflow` - approved segments into
  ``memories/<workflow>-approved.tmx``.
"""

from __future__ import annotations

from translate.errors import BadInputError
from translate.memory.postgres import PostgresMemory, is_database_url
from translate.memory.store import Match, Memory
from translate.workflow import Workflow

__all__ = ["Match", "Memory", "PostgresMemory", "open_database_memory", "open_workflow_memory"]


_DATABASES: dict[str, PostgresMemory] = {}


def open_database_memory(url: str) -> PostgresMemory:
    """The memory in a PostgreSQL database, connected once per process."""
    memory = _DATABASES.get(url)
    if memory is None:
        memory = _DATABASES[url] = PostgresMemory(url)
    return memory


def open_workflow_memory(wf: Workflow) -> Memory | PostgresMemory:
    """The memory of a workflow: every TMX its ``memories:`` names (folders are searched for ``*.tmx``).

    ``postgresql://…`` (the only entry): the memory in that database (:mod:`translate.memory.postgres`).
    A single folder shares its cache (``<folder>/.cache/tm``) with ``hexaglot tm search --memory <folder>``;
    otherwise the cache lives in the workflow's ``.cache/tm``. A named file that does not exist is bad input.
    """
    urls = [entry for entry in wf.memories if is_database_url(entry)]
    if urls:
        if len(wf.memories) != 1:
            raise BadInputError(wf.root / "workflow.yaml", "memories: a postgresql:// memory must be the only entry")
        return open_database_memory(urls[0])
    entries = [wf.root / entry for entry in wf.memories]
    if len(entries) == 1 and entries[0].is_dir():
        return Memory.from_directory(entries[0])
    files = wf.memory_paths()
    for path in files:
        if not path.is_file():
            raise BadInputError(wf.root / "workflow.yaml", f"memories: {path} does not exist")
    return Memory(files, wf.cache_dir / "tm")
