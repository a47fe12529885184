"""`python -m attestkit.schemas`: regenerate the committed JSON Schemas (`make schemas`)."""

import sys

from attestkit.schemas import write_all

for path in write_all():
    print(path, file=sys.stderr)
