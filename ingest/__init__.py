"""Turns corpus files into cited passages and writes them to the store."""
