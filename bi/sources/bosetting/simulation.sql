-- the weekly series of the latest stored simulation (record_simulation): each policy and the hindsight optimum
with latest as (
    select label from bosetting.report_simulation order by run_at desc, run_id desc limit 1
)
select distinct on (series, week) label, series, week, arrived, placed, waiting, objective, within_target
from bosetting.report_simulation
where label = (select label from latest)
order by series, week, run_id desc
