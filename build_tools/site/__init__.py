"""Site layer: typed page data, the content macros, rendering through the Jinja templates, the generated
pages and the open data. Imports the data layer only (and printing, for the routine PDFs' addresses)."""
