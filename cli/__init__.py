"""The `attest` command line (installed as the subpackage `attestkit.cli`)."""
