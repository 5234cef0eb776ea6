"""The SPARQL protocol endpoint, the query editor and the named-query pages (execution is graph.service)."""
