# report: small-cell suppression (src/core/suppress.c), the reporting views for
# BI tools and the record of each matching run's unplaced households.
CORE_SRCS  += src/core/suppress.c
OBJS       += src/core/suppress.o src/report/suppress_glue.o
SQL_PARTS  += src/report/suppress.sql src/report/match_run.sql src/report/views.sql
REGRESS    += report_suppress report_views
UNIT_TESTS += test_suppress
UPGRADE_PARTS += src/report/upgrade--0.1--0.2.sql src/report/suppress.sql src/report/match_run.sql src/report/views.sql
# grant_projection and report_grants against their formulation before issue 13's speed-up
REGRESS += report_grants
