"""Data layer: read and check every YAML file once into typed, frozen records (the Library).

Nothing here knows about pages, printing or MkDocs; every other layer imports from here."""
