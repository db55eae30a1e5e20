"""Search benchmark: Qoljazba's Whoosh index against SQLite FTS5 over a synthetic corpus."""
