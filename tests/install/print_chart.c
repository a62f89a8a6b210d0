/*
 * print_chart.c: the latest chart of a kchart store, printed through the
 * installed libkchart: what a program of its own does, built with
 * `cc print_chart.c $(pkg-config --cflags --libs kchart)`. The example of
 * README.md; tests/install/run.sh builds it against an installed kchart.
 */
#include <kchart/kchart.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    kc_db *db;
    kc_table *t = NULL;
    if (argc != 3) {
        fprintf(stderr, "usage: print_chart STORE CHART\n");
        return 2;
    }
    if (kc_db_open(argv[1], &db)) {
        fprintf(stderr, "print_chart: %s\n", kc_open_errmsg());
        return 1;
    }
    /* The latest period (NULL), every rank (0): rank, title, artist, last... */
    int rc = kc_query_chart(db, argv[2], NULL, 0, &t);
    if (rc)
        fprintf(stderr, "print_chart: %s\n", kc_errmsg(db));
    else
        printf("%s (libkchart %s)\n", t->title, kc_version());
    for (size_t row = 0; !rc && row < t->nrows; row++)
        printf("%s. %s - %s\n", kc_table_cell(t, row, 0), kc_table_cell(t, row, 1),
               kc_table_cell(t, row, 2));
    kc_table_free(t);
    kc_db_close(db);
    return rc ? 1 : 0;
}
