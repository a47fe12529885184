package attestkit.checks.aws.s3.bucket_encryption_at_rest_test

import data.attestkit.checks.aws.s3.bucket_encryption_at_rest as check

_bucket(id, config, errors) := {
	"id": id,
	"type": "AWS::S3::Bucket",
	"config": config,
	"errors": errors,
}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_sse_s3 if {
	b := _bucket("arn:aws:s3:::b1", {"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}, [])
	rs := check.results with input as {"resources": {"AWS::S3::Bucket": [b]}, "collection_errors": []}
	_status(rs, "arn:aws:s3:::b1") == {"pass"}
}

test_pass_sse_kms if {
	b := _bucket("arn:aws:s3:::b1", {"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:us-east-1:111122223333:key/k"}}]}}, [])
	rs := check.results with input as {"resources": {"AWS::S3::Bucket": [b]}, "collection_errors": []}
	_status(rs, "arn:aws:s3:::b1") == {"pass"}
}

test_fail_no_configuration if {
	b := _bucket("arn:aws:s3:::b2", {"ServerSideEncryptionConfiguration": null}, [])
	rs := check.results with input as {"resources": {"AWS::S3::Bucket": [b]}, "collection_errors": []}
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_fail_unknown_algorithm if {
	b := _bucket("arn:aws:s3:::b2", {"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "none"}}]}}, [])
	rs := check.results with input as {"resources": {"AWS::S3::Bucket": [b]}, "collection_errors": []}
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_error_unreadable if {
	b := _bucket("arn:aws:s3:::b3", {}, [{"api": "s3:GetBucketEncryption", "code": "AccessDenied", "message": "denied"}])
	rs := check.results with input as {"resources": {"AWS::S3::Bucket": [b]}, "collection_errors": []}
	_status(rs, "arn:aws:s3:::b3") == {"error"}
}

test_no_result_without_buckets if {
	rs := check.results with input as {"resources": {}, "collection_errors": []}
	count(rs) == 0
}
