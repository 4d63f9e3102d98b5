"""cio-lint: a linter for code that sends data to Customer.io."""

__version__ = "0.1.0"
