"""``python -m warta``: the same command line as the ``warta`` console script."""

import sys

from warta.cli import main

sys.exit(main())
