"""Authoring layer: tools for contributors (the `new` scaffold, schema generation)."""
