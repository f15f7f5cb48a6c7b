"""Did-you-mean suggestions for near misses."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """' did you mean 'x'?' when a choice is close to word, else ''."""
    if not isinstance(word, str):
        return ""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        close = [v for k, v in lowered.items() if word.lower() in k or k in word.lower()][:1]
    return f" did you mean '{close[0]}'?" if close else ""


def allowed_list(choices: Iterable[str], limit: int = 20) -> str:
    """A short comma-separated list of allowed words."""
    choices = list(choices)
    shown = ", ".join(choices[:limit])
    return shown + (f", … ({len(choices)} in all)" if len(choices) > limit else "")


def slugify(name: str) -> str:
    """'Side-lying hip abduction (band)' -> 'side-lying-hip-abduction-band'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
