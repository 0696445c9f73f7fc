"""Veiviser core: types, settings, store, retrieval and answering."""
