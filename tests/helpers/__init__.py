"""Helpers shared by the tests: HTML trees, linked-data requests, SPARQL algebra."""
