"""mkdocs-macros module: registers the content macros from build_tools (all logic lives there)."""

from build_tools.site.macros import define_env  # noqa: F401
