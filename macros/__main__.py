"""``python -m macros``: the editor's and CI's commands (cli.py)."""

from .cli import run

run()
