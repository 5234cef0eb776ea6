"""The site's other pages: home, notice, browse, search, the ontology, the dataset, validation, links."""
