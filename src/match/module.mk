# match: the assignment solver (src/core/assign*.c), household matching and the
# year simulator (src/core/simulate.c).
ASSIGN_CORE = src/core/assign.c src/core/assign_base.c src/core/assign_dual.c \
              src/core/assign_knap.c src/core/assign_primal.c src/core/assign_repack.c \
              src/core/assign_lower.c
CORE_SRCS  += $(ASSIGN_CORE) src/core/simulate.c
OBJS       += $(ASSIGN_CORE:.c=.o) src/core/simulate.o src/match/assign_glue.o \
              src/match/assign_side.o src/match/match_glue.o src/match/simulate_glue.o
SQL_PARTS  += src/match/assign.sql src/match/match.sql src/match/match_households.sql src/match/propose.sql \
              src/match/simulate.sql src/match/match_policy.sql
REGRESS    += match_solver match_households match_simulate match_policy
UNIT_TESTS += test_assign test_simulate
ISOLATION  += match_concurrent_booking
# match_households.sql and propose.sql replace the 0.1 functions of the same
# names in both paths; simulate.sql and match_policy.sql are new in 0.2 as a whole: the upgrade
# runs all four as they are.
UPGRADE_PARTS += src/match/upgrade--0.1--0.2.sql src/match/match_households.sql src/match/propose.sql \
                 src/match/simulate.sql src/match/match_policy.sql
