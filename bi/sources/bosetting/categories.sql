-- settled persons by municipality and category, suppressed (":" = hidden)
select year, fylke, kommunenr, category, published
from bosetting.report_settled_by_category
order by year, fylkenr, kommunenr, category
