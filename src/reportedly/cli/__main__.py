"""``python -m reportedly.cli`` runs the ``reportedly`` command."""

import sys

from . import main

sys.exit(main())
