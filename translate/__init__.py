"""hexaglot: translate a long UN report into the six official languages of the United Nations.

The package is organised one module per concern; see the README's "Layout" section.
"""

__version__ = "0.1.0"
