"""Alembic migrations of the history store; run on open by auditor.store.open_store."""
