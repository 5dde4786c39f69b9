"""`python -m handouts` runs the command line."""

from handouts.commands.cli import run

run()
