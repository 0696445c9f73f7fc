"""Evaluation tools for Veiviser."""
