"""The import benchmark that `make bench` runs: a synthetic corpus, the import, a baseline."""
