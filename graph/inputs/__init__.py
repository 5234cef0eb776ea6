"""Read the source documents, the curated tables and the national codes into records with file and line."""
