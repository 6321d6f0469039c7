"""Alembic migrations for the database: `learnbot migrate`, and every start, bring a database
to the newest schema. `alembic revision --autogenerate` (run from this folder's alembic.ini
directory) writes the next one from the SQLModel tables."""
