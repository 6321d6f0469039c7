"""The course catalogue: models, import, search. Knows nothing about Telegram."""
