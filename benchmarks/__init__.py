"""Benchmarks: scripts that print their figures next to a baseline run in the same process."""
