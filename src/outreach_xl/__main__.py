"""``python -m outreach_xl``: the same as the ``outreach-xl`` command."""

from .cli import main

raise SystemExit(main())
