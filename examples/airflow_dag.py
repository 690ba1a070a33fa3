"""An example Airflow DAG that builds the data and runs the report every night.

Not imported by the package or the tests (the tests only compile it); copy it into your
Airflow ``dags/`` folder and set ``SEI_REPO`` to the checkout. It calls the same two
commands as ``make report``, through the checkout's venv:

- ``sei build`` writes ``data/processed`` (byte-identical when nothing changed);
- ``sei report --params reports/params/default.yml --no-wait --keep 14`` runs the notebooks.

Exit codes map onto task states: 0 success; 1 a notebook or export failed (the run is
kept as ``reports/<run-id>.failed/``) or another run holds the lock; 2 bad parameters.
The run id is Airflow's logical date, so a retried task that already succeeded stops
with exit 2 ("exists already") instead of running twice.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

SEI_REPO = os.environ.get("SEI_REPO", "/srv/sei-analysis")
SEI = f"{SEI_REPO}/.venv/bin/sei"

with DAG(
    dag_id="sei_report",
    description="China SEI figures, indicators and scenario report",
    schedule="30 1 * * *",  # 01:30 UTC every day
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["sei", "report"],
) as dag:
    build = BashOperator(
        task_id="sei_build",
        bash_command=f"cd {SEI_REPO} && {SEI} build",
        execution_timeout=timedelta(minutes=15),
    )
    report = BashOperator(
        task_id="sei_report",
        bash_command=(
            f"cd {SEI_REPO} && {SEI} report --params reports/params/default.yml "
            "--run-id {{ ts_nodash }}Z --no-wait --keep 14"
        ),
        # SIGTERM on timeout: sei report moves the unfinished run to <run-id>.failed/.
        execution_timeout=timedelta(hours=1),
        env={"PYTHONUNBUFFERED": "1"},
        append_env=True,
    )
    build >> report
