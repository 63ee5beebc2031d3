-- requests, decisions and settlements per county and year (IMDi's figures)
select year, fylkenr, fylke, requested, decided, settled, settled_lower_bound
from bosetting.report_settlement
where level = 'fylke'
order by year, fylkenr
