"""Untrusted SPARQL under limits: the check, the per-client budget, confinement, the pool of query processes."""
