/*
 * args.c: checks of array arguments (see args.h).
 */
#include "postgres.h"

#include "args.h"

int
args_vector(ArrayType *a, const char *name)
{
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array, not %d-dimensional",
						name, ARR_NDIM(a))));
	if (ARR_NDIM(a) == 1 && ARR_LBOUND(a)[0] != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must start at index 1, not %d", name, ARR_LBOUND(a)[0]),
				 errhint("Pass a plain array such as '{1,2}', without explicit bounds.")));
	return ARR_NDIM(a) == 0 ? 0 : ARR_DIMS(a)[0];
}
