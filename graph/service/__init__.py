"""Untrusted SPARQL under limits: the check, the per-client budget, confinement, the query processes."""
