"""Evidence bundles: written atomically, hashed, sorted by id; read back only once verified."""

from attestkit.bundle.reader import Bundle, newest_bundle, verify_bundle
from attestkit.bundle.writer import BundleWriter

__all__ = ["Bundle", "BundleWriter", "newest_bundle", "verify_bundle"]
