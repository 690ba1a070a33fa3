"""The ``sei`` command: one entry point, one subcommand per stage.

Every error becomes one line on stderr and an exit code, never a traceback:

- a `SeiAnalysisError`: its message and its exit code (1 a run failed, 2 bad usage or input);
- an `OSError` (a full disk, a read-only folder): ``cannot write PATH: cause``, exit 1;
- anything else (a bug): its type and message, exit 1.

``sei --debug COMMAND`` lets the traceback of an unexpected error (OSError included) through.
"""

from __future__ import annotations

import warnings

import click

from sei_analysis import __version__
from sei_analysis.errors import SeiAnalysisError, describe_os_error

# NOTE: what a user of a failed command should do next when the error was not foreseen.
DEBUG_HINT = "run again with sei --debug for the traceback"


def one_line(text: str) -> str:
    """``text`` with its lines joined by spaces: a message is one line, whatever it quotes.

    Examples
    --------
    >>> one_line("raw file x: changed\\n  expected aaa\\n")
    'raw file x: changed expected aaa'
    """
    return " ".join(part.strip() for part in str(text).splitlines() if part.strip())


def show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Print a warning as one ``sei: warning: ...`` line on stderr (no file name, no source line)."""
    click.echo(f"sei: warning: {one_line(message)}", err=True)


class SeiGroup(click.Group):
    """A click group that turns errors into one line and an exit code (see the module docstring)."""

    def invoke(self, ctx: click.Context):
        with warnings.catch_warnings():
            warnings.showwarning = show_warning
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click prints these itself (usage errors exit 2)
        except SeiAnalysisError as exc:
            click.echo(f"sei: error: {one_line(exc)}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            # NOTE: the reader went away (`sei figures | head`): stop quietly, as a program killed by
            # SIGPIPE does (exit 128 + 13), and keep Python from complaining at exit.
            import os
            import sys

            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the dead pipe for the exit flush
            ctx.exit(141)
        except OSError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"sei: error: {one_line(describe_os_error(exc))}", err=True)
            ctx.exit(1)
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(
                f"sei: error: unexpected {type(exc).__name__}: {one_line(exc)} ({DEBUG_HINT})", err=True
            )
            ctx.exit(1)


@click.group(cls=SeiGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sei")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error instead of one line.")
def main(debug: bool) -> None:
    """Figures, indicators, scenarios and reports on China's strategic emerging industries."""


def _register() -> None:
    from sei_analysis.cli import add, data, project, report, review

    commands = (data.figures, add.add, data.build, review.review, data.check, project.project, report.report)
    for command in commands:
        main.add_command(command)


_register()
