"""Face providers: typed clients for the vendors' HTTP APIs, one error language, and routing between them."""
