"""Read the source documents, the curated tables and the national codes into plain records with file and line."""
