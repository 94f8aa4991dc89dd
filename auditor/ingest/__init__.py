"""Ingesters: each turns one kind of file into a RawDocument."""
