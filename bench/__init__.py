"""Benchmarks and the load test (not part of the test run); see bench/README.md."""
