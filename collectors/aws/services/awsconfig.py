"""AWS Config, per region: is a configuration recorder recording every resource type?

`AWS::Config::ConfigurationRecorder` is written once per collected region, whether or not
the region has a recorder: id `arn:<partition>:config:<region>:<account>:configuration-recorder`,
config `{"ConfigurationRecorders": [...], "ConfigurationRecordersStatus": [...]}`, the lists of
`DescribeConfigurationRecorders` and `DescribeConfigurationRecorderStatus` in the API's own
camelCase (`name`, `roleARN`, `recordingGroup`; `name`, `recording`, `lastStatus`). Both are
`[]` when the region has no recorder; a list whose call failed is absent, with the error.
"""

from __future__ import annotations

from attestkit.collectors.aws.context import Context, Service
from attestkit.collectors.aws.services._common import region_setting

RECORDER = "AWS::Config::ConfigurationRecorder"


def collect(ctx: Context) -> None:
    config = ctx.client("config")
    setting = region_setting(ctx, RECORDER, "config", "configuration-recorder", "AWS Config recorder")
    setting.read_all("ConfigurationRecorders", config, "DescribeConfigurationRecorders", "ConfigurationRecorders")
    setting.read_all(
        "ConfigurationRecordersStatus", config, "DescribeConfigurationRecorderStatus", "ConfigurationRecordersStatus"
    )
    ctx.add(setting)


SERVICE = Service(
    name="config",
    regional=True,
    resource_types=(RECORDER,),
    operations={
        "config:DescribeConfigurationRecorders": "config:DescribeConfigurationRecorders",
        "config:DescribeConfigurationRecorderStatus": "config:DescribeConfigurationRecorderStatus",
    },
    collect=collect,
)
