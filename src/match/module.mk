# match: the assignment solver (src/core/assign.c) and household matching.
CORE_SRCS  += src/core/assign.c src/core/simulate.c
OBJS       += src/core/assign.o src/core/simulate.o src/match/assign_glue.o src/match/match_glue.o src/match/simulate_glue.o
SQL_PARTS  += src/match/assign.sql src/match/match.sql src/match/simulate.sql
REGRESS    += match_solver match_households match_simulate
UNIT_TESTS += test_assign test_simulate
ISOLATION  += match_concurrent_booking
# simulate.sql is new in 0.2 as a whole, so the upgrade runs it as it is.
UPGRADE_PARTS += src/match/upgrade--0.1--0.2.sql src/match/simulate.sql
