"""Entity pages: /id dereferencing, the /page HTML model by kind, /data RDF, JSON-LD and citations."""
