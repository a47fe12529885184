"""AWS Backup, per region: backup plans (each read with `GetBackupPlan` for its rules,
concurrently) and backup vaults (their `ListBackupVaults` items: encryption key, vault lock).

A plan's `BackupPlan` is `GetBackupPlan`'s `BackupPlan` (name, `Rules`, advanced settings).
Which resources a plan selects (`ListBackupSelections`) is not read yet.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

BACKUP_PLAN = "AWS::Backup::BackupPlan"
BACKUP_VAULT = "AWS::Backup::BackupVault"


def collect(ctx: Context) -> None:
    backup = ctx.client("backup")
    with ctx.listing(BACKUP_PLAN):
        ctx.map(lambda plan: _plan(ctx, backup, plan), paginate(backup, "ListBackupPlans", "BackupPlansList"))
    with ctx.listing(BACKUP_VAULT):
        for vault in paginate(backup, "ListBackupVaults", "BackupVaultList"):
            ctx.add(ctx.item(BACKUP_VAULT, vault["BackupVaultArn"], vault, name=vault.get("BackupVaultName")))


def _plan(ctx: Context, backup: Any, listed: dict[str, Any]) -> None:
    draft = ctx.item(BACKUP_PLAN, listed["BackupPlanArn"], listed, name=listed.get("BackupPlanName"))
    draft.read(
        "BackupPlan", backup, "GetBackupPlan", pick=lambda r: r["BackupPlan"], BackupPlanId=listed["BackupPlanId"]
    )
    ctx.add(draft)


SERVICE = Service(
    name="backup",
    regional=True,
    resource_types=(BACKUP_PLAN, BACKUP_VAULT),
    operations={
        "backup:ListBackupPlans": "backup:ListBackupPlans",
        "backup:GetBackupPlan": "backup:GetBackupPlan",
        "backup:ListBackupVaults": "backup:ListBackupVaults",
    },
    collect=collect,
)
