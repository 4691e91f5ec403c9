from __future__ import annotations

from ducha.cli import main

main()
