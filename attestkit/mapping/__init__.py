"""The mapping layer: framework catalogs and control -> check mappings (DESIGN section 4).

`load_catalogs()` gives the built-in catalogs; `load_mappings(known_checks, mapping_dirs)`
validates the built-in mappings (or a user directory's replacements) against the catalogs
and the policy set and returns a `MappingSet`. Control status lives in `attestkit.mapping.status`.
"""

from attestkit.mapping.catalogs import FRAMEWORK_ORDER, load_catalogs
from attestkit.mapping.loader import MappingSet, load_mappings

__all__ = ["FRAMEWORK_ORDER", "MappingSet", "load_catalogs", "load_mappings"]
