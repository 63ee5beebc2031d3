# capacity: capacity triggers (booking against decision and capacity) and reports.
CORE_SRCS += src/core/capacity.c
OBJS      += src/core/capacity.o src/capacity/capacity_ext.o src/capacity/capacity_plans.o \
             src/capacity/capacity_rows.o src/capacity/capacity_deltas.o \
             src/capacity/capacity_triggers.o src/capacity/capacity_limits.o \
             src/capacity/capacity_rebuild.o src/capacity/capacity_guard.o \
             src/capacity/history_trigger.o
SQL_PARTS += src/capacity/capacity.sql src/capacity/schedule.sql
REGRESS   += capacity_booking capacity_verify security_capacity security_capacity_review capacity_schedule
ISOLATION += capacity_last_places capacity_decision_lowered capacity_person_added capacity_opposite_moves \
             capacity_rebuild_race capacity_schedule_race
UNIT_TESTS += test_capacity
# schedule.sql is new in 0.2 as a whole, so the upgrade runs it as it is.
UPGRADE_PARTS += src/capacity/upgrade--0.1--0.2.sql src/capacity/schedule.sql
