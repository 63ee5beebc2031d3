/*
 * suppress.c: primary and secondary small-cell suppression of a two-way
 * table with totals; the method and its guarantee are in suppress.h.
 */
#include "suppress.h"

#include <string.h>

#define NONE			UINT32_MAX
#define COST_TOTAL		INT64_C(1000000)
#define COST_GRAND		INT64_C(1000000000000)
#define UNREACHABLE		INT64_MAX

typedef struct heap_item
{
	int64_t		key;
	uint32_t	node;
} heap_item;

/* The workspace, carved from the caller's buffer. */
typedef struct ws
{
	size_t		R, C;			/* rows and columns with the totals */
	size_t		V, N;			/* nodes (R + C), cells (R * C) */
	const int64_t *value;
	uint8_t    *status;
	int64_t    *dist;			/* V */
	heap_item  *heap;			/* N + V */
	size_t	   *deg;			/* V + 1: CSR offsets of the hidden graph */
	uint32_t   *adj;			/* 2N: cells at each node */
	uint32_t   *prev;			/* V: cell by which Dijkstra reached a node */
	uint32_t   *disc, *low;		/* V */
	uint32_t   *pe;				/* V: DFS parent cell */
	uint32_t   *stack;			/* V */
	size_t	   *it;				/* V: DFS position in adj */
	uint32_t   *secondary;		/* N: secondary cells, in the order added */
	uint8_t    *done;			/* V */
	uint8_t    *bridge;			/* N */
} ws;

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t) 7;
}

size_t
suppress_work_size(size_t rows, size_t cols)
{
	size_t		R = rows + 1, C = cols + 1, V = R + C, N = R * C;

	return align8(sizeof(int64_t) * V) + align8(sizeof(heap_item) * (N + V))
		+ align8(sizeof(size_t) * (V + 1)) + align8(sizeof(uint32_t) * 2 * N)
		+ 5 * align8(sizeof(uint32_t) * V) + align8(sizeof(size_t) * V)
		+ align8(sizeof(uint32_t) * N) + align8(V) + align8(N);
}

static void
ws_init(ws *w, size_t rows, size_t cols, void *work)
{
	char	   *p = work;

	w->R = rows + 1;
	w->C = cols + 1;
	w->V = w->R + w->C;
	w->N = w->R * w->C;
#define CARVE(field, type, n) \
	(w->field = (type *) p, p += align8(sizeof(type) * (n)))
	CARVE(dist, int64_t, w->V);
	CARVE(heap, heap_item, w->N + w->V);
	CARVE(deg, size_t, w->V + 1);
	CARVE(adj, uint32_t, 2 * w->N);
	CARVE(prev, uint32_t, w->V);
	CARVE(disc, uint32_t, w->V);
	CARVE(low, uint32_t, w->V);
	CARVE(pe, uint32_t, w->V);
	CARVE(stack, uint32_t, w->V);
	CARVE(it, size_t, w->V);
	CARVE(secondary, uint32_t, w->N);
	CARVE(done, uint8_t, w->V);
	CARVE(bridge, uint8_t, w->N);
#undef CARVE
}

/* The two nodes of a cell: its row (0..R-1) and its column (R..R+C-1). */
static uint32_t
row_node(const ws *w, uint32_t cell)
{
	return (uint32_t) (cell / w->C);
}
static uint32_t
col_node(const ws *w, uint32_t cell)
{
	return (uint32_t) (w->R + cell % w->C);
}
static uint32_t
other_end(const ws *w, uint32_t cell, uint32_t node)
{
	uint32_t	r = row_node(w, cell);

	return node == r ? col_node(w, cell) : r;
}

/* The hidden cells as a graph in CSR form. */
static void
build_hidden_graph(ws *w)
{
	size_t		v, cell;

	memset(w->deg, 0, sizeof(size_t) * (w->V + 1));
	for (cell = 0; cell < w->N; cell++)
		if (w->status[cell] != SUPPRESS_PUBLISHED)
		{
			w->deg[row_node(w, (uint32_t) cell) + 1]++;
			w->deg[col_node(w, (uint32_t) cell) + 1]++;
		}
	for (v = 0; v < w->V; v++)
		w->deg[v + 1] += w->deg[v];
	memcpy(w->it, w->deg, sizeof(size_t) * w->V);
	for (cell = 0; cell < w->N; cell++)
		if (w->status[cell] != SUPPRESS_PUBLISHED)
		{
			w->adj[w->it[row_node(w, (uint32_t) cell)]++] = (uint32_t) cell;
			w->adj[w->it[col_node(w, (uint32_t) cell)]++] = (uint32_t) cell;
		}
}

/*
 * Tarjan's bridge finding, iterative: marks w->bridge, returns the number of
 * bridges and the first one (in cell order) in *first.
 */
static size_t
find_bridges(ws *w, uint32_t *first)
{
	size_t		s, count = 0, top;
	uint32_t	time = 1;

	build_hidden_graph(w);
	memset(w->bridge, 0, w->N);
	memset(w->disc, 0, sizeof(uint32_t) * w->V);
	*first = NONE;
	for (s = 0; s < w->V; s++)
	{
		if (w->disc[s] || w->deg[s] == w->deg[s + 1])
			continue;
		top = 0;
		w->stack[top++] = (uint32_t) s;
		w->disc[s] = w->low[s] = time++;
		w->pe[s] = NONE;
		w->it[s] = w->deg[s];
		while (top > 0)
		{
			uint32_t	v = w->stack[top - 1];

			if (w->it[v] < w->deg[v + 1])
			{
				uint32_t	cell = w->adj[w->it[v]++];
				uint32_t	u;

				if (cell == w->pe[v])
					continue;
				u = other_end(w, cell, v);
				if (!w->disc[u])
				{
					w->disc[u] = w->low[u] = time++;
					w->pe[u] = cell;
					w->it[u] = w->deg[u];
					w->stack[top++] = u;
				}
				else if (w->disc[u] < w->low[v])
					w->low[v] = w->disc[u];
			}
			else
			{
				top--;
				if (top > 0)
				{
					uint32_t	p = w->stack[top - 1];

					if (w->low[v] < w->low[p])
						w->low[p] = w->low[v];
					if (w->low[v] > w->disc[p])
					{
						w->bridge[w->pe[v]] = 1;
						count++;
						if (w->pe[v] < *first)
							*first = w->pe[v];
					}
				}
			}
		}
	}
	return count;
}

/* What hiding a published cell costs (UNREACHABLE: not a candidate). */
static int64_t
cell_cost(const ws *w, uint32_t cell, int32_t threshold)
{
	size_t		i = cell / w->C, j = cell % w->C;
	int64_t		v = w->value[cell];

	if (v <= 0)
		return UNREACHABLE;
	if (i == w->R - 1 && j == w->C - 1)
		return COST_GRAND;
	if (i == w->R - 1 || j == w->C - 1)
		return COST_TOTAL + v;
	return v + threshold;
}

static void
heap_push(heap_item *h, size_t *n, int64_t key, uint32_t node)
{
	size_t		i = (*n)++;

	while (i > 0 && h[(i - 1) / 2].key > key)
	{
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i].key = key;
	h[i].node = node;
}

static heap_item
heap_pop(heap_item *h, size_t *n)
{
	heap_item	top = h[0], last = h[--(*n)];
	size_t		i = 0;

	for (;;)
	{
		size_t		c = 2 * i + 1;

		if (c >= *n)
			break;
		if (c + 1 < *n && h[c + 1].key < h[c].key)
			c++;
		if (h[c].key >= last.key)
			break;
		h[i] = h[c];
		i = c;
	}
	if (*n > 0)
		h[i] = last;
	return top;
}

/*
 * The cheapest path between the two ends of `bridge` that does not use it;
 * its published cells become secondary.  False if there is none.
 */
static bool
protect(ws *w, uint32_t bridge, int32_t threshold)
{
	uint32_t	from = row_node(w, bridge), to = col_node(w, bridge), v;
	size_t		n = 0, k;

	for (k = 0; k < w->V; k++)
		w->dist[k] = UNREACHABLE;
	memset(w->done, 0, w->V);
	w->dist[from] = 0;
	heap_push(w->heap, &n, 0, from);
	while (n > 0)
	{
		heap_item	h = heap_pop(w->heap, &n);
		bool		is_row;
		size_t		others;

		v = h.node;
		if (w->done[v])
			continue;
		w->done[v] = 1;
		if (v == to)
			break;
		is_row = v < w->R;
		others = is_row ? w->C : w->R;
		for (k = 0; k < others; k++)
		{
			uint32_t	cell = is_row ? (uint32_t) (v * w->C + k)
				: (uint32_t) (k * w->C + (v - w->R));
			uint32_t	u = is_row ? (uint32_t) (w->R + k) : (uint32_t) k;
			int64_t		c;

			if (cell == bridge || w->done[u])
				continue;
			c = w->status[cell] != SUPPRESS_PUBLISHED ? 0 : cell_cost(w, cell, threshold);
			if (c == UNREACHABLE || w->dist[v] + c >= w->dist[u])
				continue;
			w->dist[u] = w->dist[v] + c;
			w->prev[u] = cell;
			heap_push(w->heap, &n, w->dist[u], u);
		}
	}
	if (w->dist[to] == UNREACHABLE)
		return false;
	for (v = to; v != from;)
	{
		uint32_t	cell = w->prev[v];

		if (w->status[cell] == SUPPRESS_PUBLISHED)
			w->status[cell] = SUPPRESS_SECONDARY;
		v = other_end(w, cell, v);
	}
	return true;
}

static bool
cancelled(const suppress_callback *cb)
{
	return cb && cb->check && cb->check(cb->arg);
}

/* Drop secondary cells that are not needed, the costliest first. */
static suppress_error
prune(ws *w, int32_t threshold, const suppress_callback *cb)
{
	size_t		n = 0, a, b;
	uint32_t	first;

	for (a = 0; a < w->N; a++)
		if (w->status[a] == SUPPRESS_SECONDARY)
			w->secondary[n++] = (uint32_t) a;
	/* insertion sort by cost, descending (n is small) */
	for (a = 1; a < n; a++)
	{
		uint32_t	x = w->secondary[a];
		int64_t		cx = cell_cost(w, x, threshold);

		for (b = a; b > 0 && cell_cost(w, w->secondary[b - 1], threshold) < cx; b--)
			w->secondary[b] = w->secondary[b - 1];
		w->secondary[b] = x;
	}
	for (a = 0; a < n; a++)
	{
		if (cancelled(cb))
			return SUP_CANCELLED;
		w->status[w->secondary[a]] = SUPPRESS_PUBLISHED;
		if (find_bridges(w, &first) > 0)
			w->status[w->secondary[a]] = SUPPRESS_SECONDARY;
	}
	return SUP_OK;
}

suppress_error
suppress_run(const int32_t *counts, size_t rows, size_t cols, int32_t threshold,
			 bool secondary, int64_t *value, uint8_t *status, void *work,
			 const suppress_callback *cb, size_t *bad_cell)
{
	ws			w;
	size_t		i, j;
	uint32_t	first;

	if (rows == 0 || cols == 0)
		return SUP_EMPTY;
	if (rows > SUPPRESS_MAX_CELLS / cols)
		return SUP_TOO_LARGE;
	if (threshold < 1)
		return SUP_BAD_THRESHOLD;
	ws_init(&w, rows, cols, work);
	w.value = value;
	w.status = status;

	/* the table with its totals */
	memset(value, 0, sizeof(int64_t) * w.N);
	for (i = 0; i < rows; i++)
		for (j = 0; j < cols; j++)
		{
			int32_t		c = counts[i * cols + j];

			if (c < 0)
			{
				if (bad_cell)
					*bad_cell = i * cols + j;
				return SUP_NEGATIVE;
			}
			value[i * w.C + j] = c;
			value[i * w.C + cols] += c;
			value[rows * w.C + j] += c;
			value[rows * w.C + cols] += c;
		}

	for (i = 0; i < w.N; i++)
		status[i] = (value[i] >= 1 && value[i] < threshold) ? SUPPRESS_PRIMARY : SUPPRESS_PUBLISHED;
	if (!secondary)
		return SUP_OK;

	while (find_bridges(&w, &first) > 0)
	{
		if (cancelled(cb))
			return SUP_CANCELLED;
		if (!protect(&w, first, threshold))
			return SUP_NO_CYCLE;
	}
	return prune(&w, threshold, cb);
}

size_t
suppress_derivable(size_t rows, size_t cols, const uint8_t *status,
				   uint8_t *derivable, void *work)
{
	ws			w;
	uint32_t	first;
	size_t		n;

	ws_init(&w, rows, cols, work);
	w.status = (uint8_t *) status;	/* only read */
	n = find_bridges(&w, &first);
	if (derivable)
		memcpy(derivable, w.bridge, w.N);
	return n;
}

const char *
suppress_error_text(suppress_error e)
{
	switch (e)
	{
		case SUP_OK:
			return "ok";
		case SUP_EMPTY:
			return "the table has no rows or no columns";
		case SUP_TOO_LARGE:
			return "the table has too many cells";
		case SUP_NEGATIVE:
			return "a count is negative";
		case SUP_BAD_THRESHOLD:
			return "the threshold must be at least 1";
		case SUP_CANCELLED:
			return "cancelled";
		case SUP_NO_CYCLE:
			return "no complementary cells protect a hidden cell";
	}
	return "unknown error";
}
