"""duikou: the knowledge graph of counterpart-support programmes, built from the notice and curated tables."""
