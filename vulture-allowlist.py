# Names vulture cannot see used (make static): hook parameters MkDocs passes by keyword.
dirty  # AtlasPlugin.on_startup(*, command, dirty)
