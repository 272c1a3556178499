"""The speed-at-scale benchmark: synthetic corpora and the measurements of `make bench`."""
