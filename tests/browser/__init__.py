"""Helpers for the browser tests: Debian's Chromium driven by Playwright, a loopback-only guard, axe-core."""
