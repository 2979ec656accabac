"""The Plenary code location: merges what `defs/` declares; nothing else."""

import dagster as dg

from orchestration.core import config
from orchestration.defs import assets, automation, dbt, publish, report
from orchestration.defs.resources import build_resources

config.export_absolute_paths()

defs = dg.Definitions(
    assets=[
        assets.inbox_documents,
        assets.cleaned_documents,
        assets.extracted_facts,
        assets.warehouse_raw,
        dbt.plenary_dbt_models,
        publish.warehouse_reader_copy,
        report.timeline_report,
    ],
    asset_checks=[assets.reject_rate_is_low, report.reader_copy_matches_warehouse],
    jobs=[automation.refresh_job],
    sensors=automation.sensors,
    schedules=automation.schedules,
    resources=build_resources(),
    executor=dg.in_process_executor,
)


def refresh_job() -> dg.JobDefinition:
    """The refresh job by reference, for `dg.execute_job(dg.reconstructable(refresh_job), ...)`."""
    return defs.resolve_job_def("refresh")
