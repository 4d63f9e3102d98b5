"""Allow `python -m cio_lint`."""

from cio_lint.cli import main

main()
