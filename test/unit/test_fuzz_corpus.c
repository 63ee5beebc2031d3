/*
 * test_fuzz_corpus.c: replays every input of test/fuzz/corpus (seeds and the
 * inputs `make fuzz` found interesting) through the fuzz harness, under the
 * sanitizers of the unit tests: a finding would abort.
 */
#include "../fuzz/fuzz_identifiers.c"
#include "tap.h"

#include <dirent.h>
#include <stdio.h>

#define CORPUS "test/fuzz/corpus"

int
main(void)
{
	DIR		   *dir = opendir(CORPUS);
	struct dirent *e;
	int			replayed = 0;
	int			unreadable = 0;

	if (dir == NULL)
	{
		ok(0, "corpus directory %s opens", CORPUS);
		return tap_done();
	}
	while ((e = readdir(dir)) != NULL)
	{
		char		path[512];
		unsigned char buf[4096];
		FILE	   *f;
		size_t		n;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", CORPUS, e->d_name);
		f = fopen(path, "rb");
		if (f == NULL)
		{
			unreadable++;
			continue;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
		replayed++;
	}
	closedir(dir);
	ok(replayed > 0 && unreadable == 0,
	   "%d corpus inputs replayed through the parsers without a finding", replayed);
	return tap_done();
}
