"""The ``sei`` command: one entry point, one subcommand per stage.

Every `SeiAnalysisError` becomes a one-line message on stderr and the error's exit
code: 1 when a run failed, 2 for bad usage or bad input.
"""

from __future__ import annotations

import click

from sei_analysis import __version__
from sei_analysis.errors import SeiAnalysisError


class SeiGroup(click.Group):
    """A click group that turns package errors into messages and exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SeiAnalysisError as exc:
            click.echo(f"sei: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=SeiGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sei")
def main() -> None:
    """Figures, indicators, scenarios and reports on China's strategic emerging industries."""


def _register() -> None:
    from sei_analysis.cli import add, data, project, report

    for command in (data.figures, add.add, data.build, data.check, project.project, report.report):
        main.add_command(command)


_register()
