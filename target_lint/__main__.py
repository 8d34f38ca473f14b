from target_lint.cli import main

raise SystemExit(main())
