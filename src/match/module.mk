# match: the assignment solver (src/core/assign.c) and household matching.
CORE_SRCS  += src/core/assign.c src/core/simulate.c
OBJS       += src/core/assign.o src/match/assign_glue.o src/match/match_glue.o
SQL_PARTS  += src/match/assign.sql src/match/match.sql
REGRESS    += match_solver match_households
UNIT_TESTS += test_assign test_simulate
ISOLATION  += match_concurrent_booking
UPGRADE_PARTS += src/match/upgrade--0.1--0.2.sql
