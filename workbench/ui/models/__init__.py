"""Qt models: thin adapters that hold ids and a small cache, and ask the project for the rest."""
