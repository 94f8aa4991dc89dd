"""The consistency rules, one module each; see rules/__init__.py for the registry."""
