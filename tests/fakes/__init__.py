"""Fake servers that the bot under test reaches over real HTTP on 127.0.0.1."""
