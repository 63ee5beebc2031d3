# cost: grant rates, the grant rule engine, schedules, projections and cost coverage.
CORE_SRCS += src/core/grants.c
OBJS      += src/core/grants.o src/cost/grants_glue.o
SQL_PARTS += src/cost/cost.sql src/cost/rates_loader.sql src/cost/projection.sql
REGRESS   += cost_rates cost_schedule cost_register
UNIT_TESTS += test_grants
UPGRADE_PARTS += src/cost/upgrade--0.1--0.2.sql
# load_grant_rates is CREATE OR REPLACE: the upgrade runs it again
UPGRADE_PARTS += src/cost/rates_loader.sql
# grant_projection is CREATE OR REPLACE too (issue 13: faster, same results)
UPGRADE_PARTS += src/cost/projection.sql
