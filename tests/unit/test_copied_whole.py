"""Kept drawings go into the site whole: linked under `mkdocs serve`, copied by `mkdocs build`, and the kept
file never changes either way (plugin.CopiedWhole)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from unittest import mock

import pytest

from build_tools.plugin import CopiedWhole


def _figure(tmp_path: Path, linked: bool) -> tuple[CopiedWhole, Path, Path]:
    kept = tmp_path / "cache" / "exercises" / "clamshell" / "figure.svg"
    kept.parent.mkdir(parents=True)
    kept.write_text("<svg>kept</svg>")
    source, site = str(tmp_path / "cache"), str(tmp_path / "site")
    file = CopiedWhole("exercises/clamshell/figure.svg", source, site, use_directory_urls=True)
    file.linked = linked
    return file, kept, Path(file.abs_dest_path)


def test_served_drawings_are_linked_to_the_kept_file(tmp_path):
    file, kept, target = _figure(tmp_path, linked=True)
    file.copy_file()
    assert target.read_text() == "<svg>kept</svg>"
    assert os.path.samefile(target, kept)


def test_built_drawings_are_copies_so_editing_the_site_leaves_the_kept_file_alone(tmp_path):
    file, kept, target = _figure(tmp_path, linked=False)
    file.copy_file()
    assert not os.path.samefile(target, kept)
    target.write_text("<svg>edited in the site</svg>")
    assert kept.read_text() == "<svg>kept</svg>"


@pytest.mark.parametrize("linked", [True, False])
def test_a_link_left_in_the_site_is_replaced_never_written_through(tmp_path, linked):
    file, kept, target = _figure(tmp_path, linked)
    other = kept.with_name("older.svg")
    other.write_text("<svg>an older drawing</svg>")
    target.parent.mkdir(parents=True)
    os.link(other, target)  # what `mkdocs serve --dirty` leaves from its last build
    file.copy_file()
    assert target.read_text() == "<svg>kept</svg>"
    assert other.read_text() == "<svg>an older drawing</svg>"


def test_where_links_cannot_be_made_the_drawing_is_copied(tmp_path):
    file, kept, target = _figure(tmp_path, linked=True)
    with mock.patch("os.link", side_effect=OSError(errno.EXDEV, "Invalid cross-device link")):
        file.copy_file()
    assert target.read_text() == "<svg>kept</svg>" and not os.path.samefile(target, kept)
