# match: the assignment solver (src/core/assign.c) and household matching.
CORE_SRCS  += src/core/assign.c
OBJS       += src/core/assign.o src/match/assign_glue.o
SQL_PARTS  += src/match/assign.sql
REGRESS    += match_solver
UNIT_TESTS += test_assign
