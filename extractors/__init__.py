"""One module per kind of record; each exposes ``extract(doc, *, ctx) -> list[Record]``."""
