"""Link discovery (division codes, Wikidata), the reviewed linkset files, and their coverage report."""
