# METADATA
# title: Result builders
# description: |
#   Every check builds its results only through these functions, so every check emits
#   the same shape: {"resource", "status", "message", "evidence"}. `evidence` holds the
#   attribute paths the check judged and their values, so an auditor can see why.
package attestkit.lib.result

pass(r, message, evidence) := _result(r, "pass", message, evidence)

fail(r, message, evidence) := _result(r, "fail", message, evidence)

error(r, message, evidence) := _result(r, "error", message, evidence)

_result(r, status, message, evidence) := {
	"resource": r.id,
	"status": status,
	"message": message,
	"evidence": evidence,
}
