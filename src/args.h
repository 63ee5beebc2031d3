/*
 * args.h: checks of array arguments shared by the SQL-callable functions.
 */
#ifndef BOSETTING_ARGS_H
#define BOSETTING_ARGS_H

#include "postgres.h"

#include "utils/array.h"

/*
 * Refuse (22023, naming the parameter) an array that is not a plain list:
 * more than one dimension, or a lower bound other than 1 ('[0:1]={1,2}').
 * An empty array passes.  Returns the number of elements.
 */
extern int	args_vector(ArrayType *a, const char *name);

#endif
