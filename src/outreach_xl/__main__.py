"""``python -m outreach_xl``: the same as the ``outreach-xl`` command."""

from outreach_xl.cli import main

raise SystemExit(main())
