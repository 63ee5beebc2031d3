-- national totals per year
select year, requested, decided, settled, settled_lower_bound, decided_per_requested, settled_per_decided
from bosetting.report_settlement
where level = 'land'
order by year
