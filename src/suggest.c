#include "suggest.h"

#include <string.h>
#include <strings.h>

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static size_t
min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

size_t
suggest_distance(const char *a, const char *b, size_t limit)
{
	/* Optimal string alignment over three rows; names are short. */
	enum { MAXLEN = 64 };
	size_t la = strlen(a), lb = strlen(b);
	size_t rows[3][MAXLEN + 1];
	size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];

	if (la > MAXLEN || lb > MAXLEN)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best;

		cur[0] = i;
		best = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = lower(a[i - 1]) != lower(b[j - 1]);

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1,
			    prev[j - 1] + cost);
			if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]) &&
			    pp[j - 2] + 1 < cur[j])
				cur[j] = pp[j - 2] + 1;
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > limit)
			return limit + 1;
		{
			size_t *t = pp;

			pp = prev;
			prev = cur;
			cur = t;
		}
	}
	return prev[lb] <= limit ? prev[lb] : limit + 1;
}

const char *
suggest_closest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_d = 3, wl = strlen(word);

	if (wl == 0)
		return NULL;
	for (size_t i = 0; n ? i < n : candidates[i] != NULL; i++) {
		size_t d = suggest_distance(word, candidates[i], 2);

		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	if (best == NULL && wl >= 3) {
		for (size_t i = 0; n ? i < n : candidates[i] != NULL; i++)
			if (strncasecmp(candidates[i], word, wl) == 0)
				return candidates[i];
	}
	return best;
}
