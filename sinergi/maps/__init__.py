"""Map builders: pure functions from query results to pydeck decks and legend data."""
