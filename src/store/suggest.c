/*
 * suggest.c: "did you mean", the names of the store nearest to a name that
 * matched nothing.
 *
 * The candidates come from a statement of the caller's (artists and their
 * aliases, song titles, releases); nearness is the edit distance of their
 * matching forms (util/text.c), at most a third of the longer. Not a
 * search: it only runs when a lookup has already failed.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t d;
    char text[200];
} near;

static void consider(near *best, size_t nbest, size_t d, const char *text)
{
    for (size_t i = 0; i < nbest; i++)
        if (best[i].text[0] && !strcmp(best[i].text, text))
            return;
    for (size_t i = 0; i < nbest; i++) {
        if (!best[i].text[0] || d < best[i].d) {
            memmove(&best[i + 1], &best[i], (nbest - i - 1) * sizeof *best);
            best[i].d = d;
            snprintf(best[i].text, sizeof best[i].text, "%s", text);
            return;
        }
    }
}

void kc__suggest(kc_db *db, const char *sql, bool fold, const char *what, char *out,
                 size_t outlen)
{
    out[0] = '\0';
    char *f = kc__match_title(what);
    if (!f)
        return;
    sqlite3_stmt *st = kc__prepare(db, sql);
    near best[3];
    memset(best, 0, sizeof best);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        const char *shown = (const char *)sqlite3_column_text(st, 1);
        char *folded = fold && t ? kc__match_title(t) : NULL;
        const char *m = fold ? folded : t;
        if (m && shown) {
            size_t d = kc__edit_distance(f, m);
            size_t len = strlen(f) > strlen(m) ? strlen(f) : strlen(m);
            if (d <= len / 3 + 1)
                consider(best, 3, d, shown);
        }
        free(folded);
    }
    sqlite3_finalize(st);
    free(f);
    size_t k = 0, o = 0;
    while (k < 3 && best[k].text[0])
        k++;
    for (size_t i = 0; i < k && o < outlen; i++)
        o += (size_t)snprintf(out + o, outlen - o, "%s\"%s\"",
                              i == 0       ? "; did you mean "
                              : i + 1 == k ? " or "
                                           : ", ",
                              best[i].text);
    if (k && o < outlen)
        snprintf(out + o, outlen - o, "?");
}
