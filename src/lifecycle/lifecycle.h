/*
 * lifecycle.h: the lifecycle module's setting (bosetting.allow_drop).
 */
#ifndef BOSETTING_LIFECYCLE_H
#define BOSETTING_LIFECYCLE_H

extern void lifecycle_define_gucs(void);

#endif
