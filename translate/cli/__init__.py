"""The ``hexaglot`` command line.

Each command lives in its own module under ``translate/cli/`` and is imported only when it runs, so that
``hexaglot --help`` stays fast (torch and transformers are imported only where MT runs).
Add a command by adding one line to ``COMMANDS``: ``name: ("module", "attribute", "one-line help")``.
"""

from __future__ import annotations

import importlib
import sys

import click

from translate import __version__

COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": (
        "translate.cli.init_cmd",
        "init_cmd",
        "Create a new job: workflows/JOB/ with its sources and workflow.yaml.",
    ),
    "import": ("translate.cli.workflow_cmds", "import_cmd", "Read a workflow's sources into per-language PO catalogs."),
    "run": ("translate.cli.workflow_cmds", "run_cmd", "The main job: import, draft from TM and MT, print status."),
    "status": ("translate.cli.status_cmd", "status_cmd", "Per-language progress: segments and source words per state."),
    "draft": ("translate.cli.mt_cmds", "draft_cmd", "Fill untranslated segments with TM and MT drafts."),
    "mt": ("translate.cli.mt_cmds", "mt_group", "Machine-translation models: fetch, convert, list engines."),
    "evaluate": ("translate.cli.mt_cmds", "evaluate_cmd", "BLEU, chrF and TER of drafts against approved text."),
    "tm": ("translate.cli.tm_cmds", "tm_group", "Translation memories: import, search, stats, update, compact..."),
    "glossary": ("translate.cli.glossary_cmds", "glossary_group", "Termbases: convert TBX and CSV, look up terms."),
    "check": ("translate.cli.check_cmd", "check_cmd", "Glossary and QA checks over PO, XLIFF and workflows (for CI)."),
    "assign": ("translate.cli.review_cmds", "assign_cmd", "Route segments to reviewers per language and stage."),
    "review": ("translate.cli.review_cmds", "review_cmd", "Review drafts in the terminal (a full-screen Textual app)."),
    "sync": ("translate.cli.review_cmds", "sync_cmd", "Write PO catalogs from the working store; read back edits."),
    "merge-driver": (
        "translate.cli.review_cmds",
        "merge_driver_cmd",
        "Git merge driver: merge PO catalogs by segment.",
    ),
    "export": (
        "translate.cli.export_cmds",
        "export_cmd",
        "Write the translated report: DOCX, Markdown, PO, MO, XLIFF, TMX.",
    ),
    "import-xliff": ("translate.cli.export_cmds", "import_xliff_cmd", "Bring XLIFF work from other CAT tools back."),
    "align": (
        "translate.cli.align_cmd",
        "align_cmd",
        "Align official documents and their translations into a translation memory.",
    ),
}


class UserError(click.ClickException):
    """A :class:`~translate.errors.HexaglotError` as click shows it: one line on stderr, exit code 2."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: object = None) -> None:
        echo_error(self.format_message())


def echo_error(message: str) -> None:
    """Print ``hexaglot: <message>`` on stderr as one line, control characters shown as escapes."""
    from translate.errors import terminal_safe

    click.echo(f"hexaglot: {terminal_safe(' '.join(str(message).splitlines()))}", err=True)


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use; user errors become exit code 2."""

    def invoke(self, ctx: click.Context) -> object:
        from translate.errors import HexaglotError, os_error_message
        from translate.fileio import completed_writes

        written = completed_writes()
        try:
            return super().invoke(ctx)
        except HexaglotError as error:
            raise UserError(str(error), error.exit_code) from None
        except BrokenPipeError:
            raise  # the reader of stdout went away (| head): nothing to say
        except OSError as error:
            # A read-only folder, a full disk, a permission: one line with the path and the reason; exit 1 when
            # files were written before the error (they are kept, complete), 2 when nothing was.
            if completed_writes() > written:
                raise UserError(f"{os_error_message(error)} (files written before this are kept)", 1) from None
            raise UserError(os_error_message(error), 2) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None:
            return None
        module_name, attribute, _help = spec
        module = importlib.import_module(module_name)
        return getattr(module, attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hexaglot")
def cli() -> None:
    """hexaglot: translate a long UN report into all six official languages of the United Nations.

    A terminology glossary, a translation memory and machine-translation drafts, routed to human
    reviewers. Source language English; targets Arabic (ar), Chinese (zh), French (fr), Russian (ru)
    and Spanish (es).

    \b
    Typical job:
      hexaglot run workflows/glotip-sample        import, draft, status
      hexaglot review workflows/glotip-sample --lang fr
      hexaglot check workflows/glotip-sample --glossary glossaries/trafficking.csv
    """


def stop_on_sigterm() -> None:
    """Turn SIGTERM (``kill``, a CI timeout) into ``SystemExit``: atomic writes then remove their temporary files
    and release their locks instead of leaving ``*.tmp`` files behind."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def main(argv: list[str] | None = None) -> None:
    """Entry point: user errors end with exit code 2 and one line on stderr, never a traceback."""
    from translate.errors import HexaglotError

    stop_on_sigterm()
    try:
        result = cli.main(args=argv, prog_name="hexaglot", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except UserError as error:
        error.show()
        sys.exit(error.exit_code)
    except click.ClickException as error:
        from translate.errors import terminal_safe

        error.message = terminal_safe(error.message)  # a file name given on the command line may hold escapes
        error.show()
        sys.exit(2 if error.exit_code == 1 else error.exit_code)
    except HexaglotError as error:
        echo_error(str(error))
        sys.exit(error.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted; finished work is saved.", err=True)
        sys.exit(130)
    # With standalone_mode=False click returns the code of ctx.exit(N) instead of exiting.
    sys.exit(result if isinstance(result, int) else 0)
