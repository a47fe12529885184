package attestkit.lib.inventory_test

import data.attestkit.lib.inventory

_planned := {
	"id": "aws_instance.web",
	"config": {"MetadataOptions": {"HttpTokens": "(known after apply)"}, "_terraform": {"unknown": ["MetadataOptions.HttpTokens", "PublicIpAddress"]}},
	"errors": [],
}

_live := {"id": "i-1", "config": {"MetadataOptions": {"HttpTokens": "required"}}, "errors": []}

test_unknown_paths_are_those_the_plan_lists if {
	inventory.unknown_paths(_planned, ["MetadataOptions.HttpTokens", "MetadataOptions.HttpEndpoint"]) == ["MetadataOptions.HttpTokens"]
	inventory.known_after_apply(_planned, ["PublicIpAddress"])
	not inventory.known_after_apply(_planned, ["MetadataOptions.HttpEndpoint"])
}

test_a_live_resource_has_no_unknown_paths if {
	inventory.unknown_paths(_live, ["MetadataOptions.HttpTokens"]) == []
	not inventory.known_after_apply(_live, ["MetadataOptions.HttpTokens"])
}

test_the_sentinel_is_distinct_from_absent_and_real_values if {
	inventory.unknown_until_apply(_planned.config.MetadataOptions.HttpTokens)
	not inventory.unknown_until_apply(_live.config.MetadataOptions.HttpTokens)
	not inventory.unknown_until_apply("")
}

test_message_names_the_paths if {
	inventory.after_apply_message(_planned, ["PublicIpAddress", "MetadataOptions.HttpTokens"]) == "cannot judge before apply: MetadataOptions.HttpTokens, PublicIpAddress known only after apply; judge the applied resource"
}

test_with_unknown_adds_the_paths_only_when_some_is_unknown if {
	inventory.with_unknown(_planned, ["PublicIpAddress"], {"a": 1}) == {"a": 1, "known_after_apply": ["PublicIpAddress"]}
	inventory.with_unknown(_planned, ["MetadataOptions.HttpEndpoint"], {"a": 1}) == {"a": 1}
	inventory.with_unknown(_live, ["MetadataOptions.HttpTokens"], {"a": 1}) == {"a": 1}
}
