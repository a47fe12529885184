# METADATA
# title: Application load balancers write access logs
# description: |
#   Access logging is on for the application load balancer (attribute
#   access_logs.s3.enabled "true" in DescribeLoadBalancerAttributes): every request, with
#   client address, path, status and TLS details, is written to S3 for review and
#   investigation. Network and gateway load balancers are not judged. A load balancer whose
#   attributes could not be read is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
# custom:
#   id: aws.elbv2.access_logging_enabled
#   severity: medium
#   resource_types: [AWS::ElasticLoadBalancingV2::LoadBalancer]
#   remediation: |
#     Allow the Elastic Load Balancing log delivery to write to a bucket, then
#     aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes
#     Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=BUCKET
package attestkit.checks.aws.elbv2.access_logging_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["elbv2:DescribeLoadBalancerAttributes"]

results contains result.error(lb, inventory.read_error_message(lb, _apis), {"errors": inventory.read_errors(lb, _apis)}) if {
	some lb in _albs
	inventory.any_read_failed(lb, _apis)
}

results contains result.pass(lb, sprintf("access logs to s3://%v", [_attribute(lb, "access_logs.s3.bucket")]), _evidence(lb)) if {
	some lb in _albs
	not inventory.any_read_failed(lb, _apis)
	_compliant(lb)
}

results contains result.fail(lb, "access logging off", _evidence(lb)) if {
	some lb in _albs
	not inventory.any_read_failed(lb, _apis)
	not _compliant(lb)
}

_albs := [lb | some lb in inventory.resources("AWS::ElasticLoadBalancingV2::LoadBalancer"); lb.config.Type == "application"]

_attribute(lb, key) := value if {
	some a in inventory.array_at(lb.config, "Attributes")
	a.Key == key
	value := a.Value
} else := null

_compliant(lb) if _attribute(lb, "access_logs.s3.enabled") == "true"

_evidence(lb) := {
	"Attributes[access_logs.s3.enabled]": _attribute(lb, "access_logs.s3.enabled"),
	"Attributes[access_logs.s3.bucket]": _attribute(lb, "access_logs.s3.bucket"),
}
