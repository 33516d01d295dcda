"""``python -m translate.cli`` runs the hexaglot command."""

from translate.cli import main

main()
