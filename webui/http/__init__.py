"""What every answer passes through: errors, languages, caching, compression, headers, static files, negotiation."""
