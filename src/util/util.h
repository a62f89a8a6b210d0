/*
 * util.h: the bottom layer: allocation, arenas, the hash map, text (UTF-8,
 * NFC, matching forms), dates and periods, time zones, the CSV reader, JSON
 * positions, reading a file.
 *
 * The layering rule (docs/architecture.md, checked by tests/layers.py): util
 * calls nothing of kchart above it. It knows no store, no handle and no SQL:
 * do not include sqlite3.h here, and do not add functions that take a kc_db;
 * a helper that needs the store belongs to store/ or higher.
 */
#ifndef KC_UTIL_H
#define KC_UTIL_H

#include "kchart/kchart.h"
#include "util/limits.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct kc__map kc__map;
typedef struct kc__arena kc__arena;

/* "Not published" for a provider counter. */
#define KC_NONE (-1)

/* ---- alloc.c ---------------------------------------------------------- */
/* malloc, calloc, realloc, strdup and strndup for the whole library: memory
 * they return is owned by the caller and freed with free(). NULL when out of
 * memory, or when a test injects a failure (kc__alloc_fail); on a failed
 * kc__realloc, p is left as it was. */
void *kc__malloc(size_t n);
void *kc__calloc(size_t n, size_t size);
void *kc__realloc(void *p, size_t n);
char *kc__strdup(const char *s);
char *kc__strndup(const char *s, size_t n);
/* For tests: the nth allocation from now on (1: the next one) fails, and
 * with persist every later one too; nth 0 stops injecting. Resets the count
 * of kc__alloc_failures, and returns how many allocations were counted
 * since the last call (LONG_MAX counts without failing). Not for use while
 * other threads allocate. */
long kc__alloc_fail(long nth, bool persist);
/* Allocations failed by injection since the last kc__alloc_fail. */
long kc__alloc_failures(void);
/* Counts one allocation against the countdown; true when it is to fail.
 * For a test to route another allocator (SQLite's) through the same
 * countdown. */
bool kc__alloc_inject(void);
/* Wraps jansson's allocator, once per process (the first kc_db_open), so
 * that kc__json_nomem can tell when a parse ran out of memory: jansson
 * itself may not say so. Its allocations then count against the countdown
 * of kc__alloc_fail too. */
void kc__json_hook(void);
/* Whether a jansson allocation failed on this thread since the last call. */
bool kc__json_nomem(void);
/* From begin to end, this thread's jansson values come from blocks freed
 * together at end (a chart file's parse: thousands of small values); every
 * value made in between must be gone (json_decref) before end. */
void kc__json_arena_begin(void);
void kc__json_arena_end(void);
struct json_t;
/* Parses buf[0..len) as JSON, duplicate keys refused, into *root (owned:
 * json_decref). Bad JSON: KC_EINPUT, err "path:line:col: what", the
 * position counted as every reader counts lines (LF, CRLF or a CR alone:
 * jansson counts LF only); no memory: KC_ENOMEM, err "path: out of
 * memory". *root is NULL unless KC_OK. */
int kc__json_parse(const char *buf, size_t len, const char *path, struct json_t **root,
                   char *err, size_t errlen);

/* ---- arena.c ---------------------------------------------------------- */
/* A new, empty arena (owned; free with kc__arena_free); NULL: no memory. */
kc__arena *kc__arena_new(void);
/* Frees the arena and everything allocated from it. NULL does nothing. */
void kc__arena_free(kc__arena *a);
/* n bytes aligned to 16, valid until the arena is freed or cleared; NULL:
 * no memory. */
void *kc__arena_alloc(kc__arena *a, size_t n);
/* Forgets everything allocated from a, keeping its newest block for what
 * comes next (a set of strings rebuilt again and again costs no malloc once
 * it has reached its size). NULL does nothing. */
void kc__arena_clear(kc__arena *a);

/* ---- arena.c ---------------------------------------------------------- */
/* A new, empty arena (owned; free with kc__arena_free); NULL: no memory. */
kc__arena *kc__arena_new(void);
/* Frees the arena and everything allocated from it. NULL does nothing. */
void kc__arena_free(kc__arena *a);
/* n bytes aligned to 16, valid until the arena is freed or cleared; NULL:
 * no memory. */
void *kc__arena_alloc(kc__arena *a, size_t n);
/* Forgets everything allocated from a, keeping its newest block for what
 * comes next (a set of strings rebuilt again and again costs no malloc once
 * it has reached its size). NULL does nothing. */
void kc__arena_clear(kc__arena *a);

/* ---- text.c ----------------------------------------------------------- */
/* Checks that s[0..n) is UTF-8; returns the offset of the first bad byte or
 * n when valid. */
size_t kc__utf8_check(const char *s, size_t n);
/* b[0..n) as 2n lowercase hex digits and a NUL, into out. */
void kc__hex(const uint8_t *b, size_t n, char *out);
/* n random bytes (at most 64, from getrandom) as 2n hex digits and a NUL,
 * into out; KC_EIO and err when the system has none. */
int kc__random_hex(size_t n, char *out, char *err, size_t errlen);
/* Cuts a character that a truncation (snprintf's) left incomplete off the
 * end of s, so that UTF-8 stays UTF-8. */
void kc__utf8_cut(char *s);
/* The length of the line break at p (p < end): 2 for CRLF, 1 for LF or a
 * CR alone (old Mac files), 0 for none. Every reader counts lines by it, so
 * that a position is right whatever a file's line ends are. */
static inline size_t kc__line_break(const char *p, const char *end)
{
    return *p == '\n' ? 1 : *p != '\r' ? 0 : p + 1 < end && p[1] == '\n' ? 2 : 1;
}
/* v in decimal with its thousands grouped by commas ("1,234,567"), as
 * SQLite's printf('%,d') writes it, into out (len bytes, cut to fit). */
void kc__format_thousands(int64_t v, char *out, size_t len);
/* NFC of s (owned, free()); NULL on bad UTF-8 or no memory. */
char *kc__nfc(const char *s);
/* The matching form of a title or credit: NFKC case-fold, punctuation to
 * spaces, spaces collapsed; credits also drop joiners (feat., with, &, x, and,
 * commas) and sort their names. Owned, free(). NULL on bad UTF-8. */
char *kc__match_title(const char *s);
char *kc__match_credit(const char *s);
/* The lead name of a credit (before the first joiner), matching form. */
char *kc__match_lead(const char *s);
/* The scripts of the letters of s[0..n): KC_SCRIPT_LATIN for letters of
 * the Latin blocks (below U+0250), KC_SCRIPT_OTHER for any other letter
 * (Hangul, kana, CJK, Cyrillic ...), or both; 0 when s has no letter or is
 * not UTF-8. */
#define KC_SCRIPT_LATIN 1
#define KC_SCRIPT_OTHER 2
int kc__scripts(const char *s, size_t n);

/* Edit distance of a and b (bytes; at most 64 of each): how near a name
 * is, for "did you mean" (kc__suggest). */
size_t kc__edit_distance(const char *a, const char *b);

/* ---- date.c ----------------------------------------------------------- */
/* Days since 1970-01-01 of a proleptic Gregorian date; checks ranges. */
bool kc__ymd_valid(int y, int m, int d);
int64_t kc__days_from_civil(int y, int m, int d);
void kc__civil_from_days(int64_t z, int *y, int *m, int *d);
/* Parses "YYYY-MM-DD" exactly (n bytes); returns false if malformed. */
bool kc__parse_date(const char *s, size_t n, int64_t *days);
/* Formats days as YYYY-MM-DD into out (>= 11 bytes). */
void kc__format_date(int64_t days, char *out);
/* Checks that period is well formed for a cadence: "hourly" YYYY-MM-DDTHH,
 * "daily"/"weekly" YYYY-MM-DD, "monthly" YYYY-MM, "yearly" YYYY. */
bool kc__period_valid(const char *cadence, const char *period);
/* Whether after is the period right after before in a cadence, no whole
 * step between them: "daily" one day, "hourly" one hour (two across the
 * hour daylight saving skips), "weekly" 5 to 13 days (a provider may move
 * its weekday), "monthly" and "yearly" one. A period that does not parse,
 * or an unknown cadence, counts as adjacent: the caller then keeps what it
 * did before periods were compared. */
bool kc__period_adjacent(const char *cadence, const char *before, const char *after);
/* The decimal number s[0..n) (digits only) into *out; false if not. */
bool kc__digits(const char *s, size_t n, int *out);

/* ---- numbers (date.c) ------------------------------------------------- */
/* Parses an unsigned decimal integer of exactly s[0..n) into *out (<= max);
 * false on anything else (sign, space, overflow). */
bool kc__parse_u64(const char *s, size_t n, uint64_t max, uint64_t *out);

/* ISO weekday of a day: 1 Monday ... 7 Sunday (1970-01-01 was a Thursday). */
int kc__weekday(int64_t day);

/* ---- file.c ----------------------------------------------------------- */
/* Reads a whole file (capped at KC_FILE_MAX) into *buf (owned, free()); on
 * failure writes "path: what" into err and returns KC_EIO, KC_ETOOBIG or
 * KC_ENOMEM. */
/* Opens path for reading if it is a regular file: a FIFO, a socket or a
 * device is refused at once ("not a regular file"), never waited on. *fd is
 * the descriptor (blocking, close-on-exec); KC_EIO and err otherwise. */
int kc__open_regular(const char *path, int *fd, char *err, size_t errlen);
/* kc__open_regular as a stream ("rb"); NULL and err when refused. */
FILE *kc__fopen_regular(const char *path, char *err, size_t errlen);
int kc__file_read(const char *path, char **buf, size_t *len, char *err, size_t errlen);
/* The digest of n bytes at p, as it names a file (an event's file, a file
 * to forget): XXH3-128, 32 lowercase hex digits (high half first) and a
 * NUL. */
#define KC_DIGEST_HEX 33
void kc__digest_hex(const void *p, size_t n, char out[KC_DIGEST_HEX]);

/* ---- map.c ------------------------------------------------------------ */
kc__map *kc__map_new(void);
/* Frees the map and, with free_value, every value. NULL does nothing. */
void kc__map_free(kc__map *m, void (*free_value)(void *));
size_t kc__map_size(const kc__map *m);
/* The value slot of key (len bytes); with create, adds an empty (NULL) slot
 * when absent and sets *created. NULL when absent, or out of memory. */
void **kc__map_get(kc__map *m, const void *key, size_t len, bool create, bool *created);

/* ---- jsonpos.c -------------------------------------------------------- */
/* One step of a path into a JSON value: a member key, or (key NULL) an
 * array index. */
typedef struct {
    const char *key;
    size_t index;
} kc__jpath;
/* The line and column (1-based, in characters) of the value that path leads
 * to in text (JSON that jansson accepted); 1:1 when it is not found. Any
 * depth, where adapter_billboard.c's kc__json_locate knows the charts'
 * "data" arrays. */
void kc__json_path_locate(const char *text, size_t len, const kc__jpath *path,
                          size_t depth, int *line, int *col);

/* The locators of the chart formats' "data" arrays (jsonpos.c). */
/* Finds data[index].key (data[index] when key is NULL; the start when not
 * found) in JSON text that jansson accepted, as line and column; kd is the
 * depth of the object holding "data" (1: the top level). */
void kc__json_locate(const char *buf, size_t len, int kd, size_t index, const char *key,
                     int *line, int *col);
/* Where each of the first n elements of "data" starts (kd as above), in one
 * pass, into lines[] and cols[]; elements not found are left as they were. */
void kc__json_element_starts(const char *buf, size_t len, int kd, int32_t *lines,
                             int32_t *cols, size_t n);

/* ---- tz.c ------------------------------------------------------------- */
/* Parses a time zone: "UTC", "Z", "+09:00", "-03:30" or an IANA name found
 * in the tz database (kc__tz_path). */
bool kc__tz_valid(const char *tz);
/* The file of the IANA zone tz into buf (n bytes): under $TZDIR, as the C
 * library reads it, else /usr/share/zoneinfo; false when it does not fit. */
bool kc__tz_path(const char *tz, char *buf, size_t n);
/* How long a zone read from its file is used before the file is looked at
 * again (60 s unless a test sets it; 0: at every call). */
void kc__tz_recheck_after(int64_t seconds);
/* Drops the zones read so far (the out-of-memory sweep starts each run
 * without them); no other thread may be in kc__tz_offsets. */
void kc__tz_forget(void);
/* "UTC", "Z" or "+HH:MM" / "-HH:MM": its offset in seconds; else false. */
bool kc__tz_fixed(const char *tz, int32_t *off);
/* The UTC offsets of tz (valid) at the epoch seconds first + i * step,
 * i < n, into out (seconds east of UTC), from the zone's file in the tz
 * database, read on first use and again when the file is replaced (tz.c);
 * thread-safe. */
void kc__tz_offsets(const char *tz, int64_t first, int64_t step, size_t n, int32_t *out);

/* The day (since 1970-01-01) in zone of the instant utc. */
int64_t kc__local_day(const char *zone, int64_t utc);
/* The instant of midnight starting day in zone. */
int64_t kc__day_start(const char *zone, int64_t day);

/* ---- csv.c ------------------------------------------------------------ */
/* A streaming RFC 4180 reader that knows where it is: quoted fields with
 * doubled quotes, CRLF or LF line ends, a UTF-8 byte order mark at the very
 * start skipped. Every field is checked as UTF-8 and capped in length; every
 * error names the line and column (in characters) where the reader stood.
 * Not a dialect guesser: the separator is a comma. */

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

#endif
