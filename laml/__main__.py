"""``python -m laml`` runs the ``laml`` command."""

from .cli import entry_point

entry_point()
