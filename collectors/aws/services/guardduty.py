"""GuardDuty, per region: is threat detection on?

`AWS::GuardDuty::Detector` is written once per collected region, whether or not the region
has a detector (a region without one must fail, never vanish): id
`arn:<partition>:guardduty:<region>:<account>:detector`, config `{"Detectors": [...]}`, each
entry the `GetDetector` answer with its `DetectorId` (an account has at most one detector
per region). `Detectors` is `[]` when the region has none, and absent with an error when
`ListDetectors` or a `GetDetector` failed. Detector tags go to `tags`.
"""

from __future__ import annotations

from attestkit.collectors.aws.context import Context, Service
from attestkit.collectors.aws.services._common import region_setting

DETECTOR = "AWS::GuardDuty::Detector"


def collect(ctx: Context) -> None:
    guardduty = ctx.client("guardduty")
    setting = region_setting(ctx, DETECTOR, "guardduty", "detector", "GuardDuty")
    ids = setting.read_all("Detectors", guardduty, "ListDetectors", "DetectorIds")
    if ids is not None:
        detectors = []
        for detector_id in ids:
            detector = setting.read(None, guardduty, "GetDetector", DetectorId=detector_id)
            if detector is None:  # the read failed: Detectors is left absent, the error recorded
                del setting.config["Detectors"]
                break
            tags = detector.pop("Tags", None) or {}  # GetDetector gives tags as an object
            setting.tags.update({str(k): str(v) for k, v in tags.items()})
            detectors.append({"DetectorId": detector_id, **detector})
        else:
            setting.config["Detectors"] = detectors
    ctx.add(setting)


SERVICE = Service(
    name="guardduty",
    regional=True,
    resource_types=(DETECTOR,),
    operations={
        "guardduty:ListDetectors": "guardduty:ListDetectors",
        "guardduty:GetDetector": "guardduty:GetDetector",
    },
    collect=collect,
)
