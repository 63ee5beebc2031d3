# alloc: exact apportionment and the national request models.
CORE_SRCS  += src/core/apportion.c
OBJS       += src/core/apportion.o src/alloc/apportion_glue.o
SQL_PARTS  += src/alloc/params.sql src/alloc/apportion.sql src/alloc/request_plan.sql
REGRESS    += alloc_apportion alloc_apportion_oracles alloc_request_plan security_inputs
UNIT_TESTS += test_apportion
# The SQL files below are written to run again on 0.1 (CREATE OR REPLACE,
# new functions only), so the upgrade script takes them as they are.
UPGRADE_PARTS += src/alloc/upgrade--0.1--0.2.sql src/alloc/params.sql src/alloc/request_plan.sql
