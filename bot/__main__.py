"""Allow ``python -m bot``, the same as the ``rls-coach`` console script."""

from bot.cli import main

raise SystemExit(main())
