"""``python -m newscrawler.bench extract ...``"""

import sys

from . import main

sys.exit(main())
