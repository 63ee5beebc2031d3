# alloc: exact apportionment and the national request models.
CORE_SRCS  += src/core/apportion.c
OBJS       += src/core/apportion.o src/alloc/apportion_glue.o
SQL_PARTS  += src/alloc/apportion.sql src/alloc/request_plan.sql
REGRESS    += alloc_apportion alloc_apportion_oracles alloc_request_plan
UNIT_TESTS += test_apportion
UPGRADE_PARTS += src/alloc/upgrade--0.1--0.2.sql
