"""SQLite storage: one connection, versioned migrations, small repositories. Imports nothing else of ours."""

from storage.database import Database

__all__ = ["Database"]
