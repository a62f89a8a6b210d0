/*
 * csv.h: a streaming RFC 4180 reader that knows where it is.
 *
 * Reads records from a buffer: quoted fields with doubled quotes, CRLF or LF
 * line ends, a UTF-8 byte order mark at the very start skipped. Every field
 * is checked as UTF-8 and capped in length; every error names the line and
 * column (in characters) where the reader stood. Not a dialect guesser: the
 * separator is a comma.
 */
#ifndef KC_CSV_H
#define KC_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KC_CSV_FIELD_MAX (64 * 1024) /* bytes in one field */
#define KC_CSV_FIELDS_MAX 256        /* fields in one record */

typedef struct {
    const char *path;
    const char *p, *end, *line_start;
    int32_t line;
    char *store; /* the current record's unescaped fields, NUL-separated */
    size_t store_len, store_cap;
    size_t off[KC_CSV_FIELDS_MAX];
    int32_t col[KC_CSV_FIELDS_MAX]; /* column where each field starts */
    size_t nfields;
    int32_t rec_line; /* line where the current record starts */
    bool nomem;       /* the last error was running out of memory */
} kc__csv;

/* Starts reading buf[0..len); path names the file in messages. */
void kc__csv_init(kc__csv *r, const char *path, const char *buf, size_t len);
/* Frees the reader's buffer (not the input). */
void kc__csv_free(kc__csv *r);
/* Reads the next record: 1 when one was read, 0 at the end, -1 on an error
 * (written to err as "path:line:col: what"; nomem set when it was out of
 * memory, not bad input). Blank lines are skipped. */
int kc__csv_next(kc__csv *r, char *err, size_t errlen);
/* Field i of the current record (NUL-terminated, borrowed until the next
 * call). */
static inline const char *kc__csv_field(const kc__csv *r, size_t i)
{
    return r->store + r->off[i];
}
/* Length of field i. */
size_t kc__csv_len(const kc__csv *r, size_t i);

/* ---- rule files (registry.c) ------------------------------------------ */

typedef struct kc_db kc_db;
/* The next data row of a rule file (the registry, All-Kill rules, unit
 * ratios, certification rules): skips comment lines (a first field starting
 * with '#'), checks the header (the first row: cols, the first nmin of them
 * required, the rest optional in order; *have is set to its count, 0 before
 * it) and each row's field count. *row true with a row in r, false at the
 * end; a status with the message on db. */
int kc__rules_next(kc_db *db, kc__csv *r, const char *const *cols, size_t ncols,
                   size_t nmin, size_t *have, bool *row);

#endif
