from minisip_console.app import main

raise SystemExit(main())
