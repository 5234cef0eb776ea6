"""Where queries run: the embedded and remote stores, named queries with bound values, writers, push."""
