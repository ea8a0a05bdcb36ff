"""Entry point for ``python -m slp_agreements``."""

from slp_agreements.cli.app import main

main()
