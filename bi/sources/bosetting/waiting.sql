-- waiting time from permit to settlement, national and per county
select year, level, fylke, median_days, p90_days, pct_within_target, pct_within_target_em
from bosetting.report_waiting
where level in ('land', 'fylke') and not suppressed
order by year, level, fylke
