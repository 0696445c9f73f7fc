"""Veiviser's command line: a thin composition of ingest, rag, ui and eval."""
