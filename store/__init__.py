"""Residents' state and the stored catalogue: the only code that runs SQL.

Handlers and delivery reach it through one `Store` object (async methods that own threads and
transactions) and the `LiveCatalogue` (the stored courses and the search index built from
them)."""
