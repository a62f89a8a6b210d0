/*
 * limits.h: every cap kchart puts on what it reads, in one place.
 *
 * Input grows from files and requests that nobody here wrote; everything that
 * grows from it has a cap, and going over one is an error value
 * (KC_ETOOBIG or KC_EINPUT with "file:line:col: what"), never a crash. Each
 * cap says why it is what it is. As SQLite's sqliteLimit.h does, this header
 * is the one place to read or change them.
 */
#ifndef KC_LIMITS_H
#define KC_LIMITS_H

/* Bytes of an error message kept on a handle ("file:line:col: what"). */
#define KC_ERRMSG_MAX 1024

/* Bytes of one input file read whole: the largest real archive file is a
 * few MiB; 512 MiB leaves room for a year of a chart in one file. */
#define KC_FILE_MAX ((size_t)512 << 20)

/* CSV: bytes in one field (a title, a credit), fields in one record. The
 * widest real export has 7 columns; a field over 64 KiB is no chart's. */
#define KC_CSV_FIELD_MAX (64 * 1024)
#define KC_CSV_FIELDS_MAX 256

/* JSON: jansson's parser refuses nesting deeper than its
 * JSON_PARSER_MAX_DEPTH (2048), an error with its line and column like any
 * other; the shapes kchart reads are at most 5 deep. */

/* Snapshots in one file and rows in one snapshot: Spotify's largest chart
 * has 200 rows; a file of every Hot 100 is 3,549 snapshots. */
#define KC_SNAPS_MAX 1000000
#define KC_ROWS_MAX 1000000

/* Depth of the path to a value that a JSON reader reports errors at (a
 * catalog's artists[3].members[0].name is 4 deep): deeper values are still
 * read, and reported at the deepest point kept. */
#define KC_JSON_PATH_MAX 16

/* Bytes in a name, title or id of a catalog file. */
#define KC_CATALOG_TEXT_MAX 1024

/* Words in one search ("bts dynamite"): each must match, so a long query
 * costs a LIKE per word per spelling; eight is more than any title needs. */
#define KC_QUERY_WORDS_MAX 8

/* Bytes of a release, artist, version or country in a sales or units file:
 * the longest real album title is under 200 bytes. */
#define KC_SALES_TEXT_MAX 512

/* Bytes of a chart row's title, credit or provider id, whatever the format
 * (every row passes ingest's check of its snapshot): the Hot 100's longest
 * are 75 and 92 bytes, and the longest album title known (Fiona Apple's of
 * 1999) is 444 characters. A 10 MB title once stored made every news page
 * and feed 20 MB. */
#define KC_NAME_MAX 2048

/* Units in one row of a sales or units file (sales, track sales, streams),
 * and what the rows of one release from one provider may come to. The
 * best-selling album sold about 70 million copies and an album's streams in
 * a week are under 10^10: a row past 10^12 is a mistake, and a release past
 * 10^15 in all (a thousand such rows) would bring a window's sum near what
 * an integer holds (9.2 * 10^18), after which every query summing it fails.
 * Both are checked as each row is read. */
#define KC_UNITS_MAX 1000000000000LL
#define KC_UNITS_SUM_MAX 1000000000000000LL

/* Bytes of a series subject (a song's title and credit, an artist's name)
 * in a totals file. */
#define KC_SUBJECT_MAX 1024

/* Marks in one milestone ladder (100 million to 10 billion by 100 million
 * is 100), and series sources one recompute looks ladders up for. */
#define KC_MARKS_MAX 100000
#define KC_SERIES_SOURCES_MAX 64

/* Regions: a family given as chart ids (bytes, and charts: Spotify has 73
 * countries), the songs a query by name looks at, and the statement
 * generated for them (a placeholder a chart and a song). */
#define KC_FAMILY_SPEC_MAX 65536
#define KC_FAMILY_CHARTS_MAX 1000
#define KC_REGION_SONGS_MAX 1000
#define KC_GENERATED_SQL_MAX (256 * 1024)

/* Bytes of a zone's file in the tz database: tzdata's largest is under
 * 4 KiB. */
#define KC_TZFILE_MAX (256 << 10)

/* Bytes of an API token's name. */
#define KC_TOKEN_NAME_MAX 64

/* The server: a page of a list (rows, and how far in), one query argument
 * (a search, a name), a `next` link, a cache key (path and arguments), and
 * connections at once (libmicrohttpd's limit; keep it above the peak: a
 * refused connection is an error to the client). The body of a POST (a
 * chart file sent to be ingested) is capped by `kchart serve --max-body`:
 * 64 MiB unless asked, 512 at most (KC_FILE_MAX, what an ingest reads). */
#define KC_PAGE_LIMIT_MAX 1000
#define KC_PAGE_OFFSET_MAX 1000000000ULL
#define KC_ARG_MAX 512
#define KC_URL_MAX 4096
#define KC_CACHE_KEY_MAX 4096
#define KC_CONNECTIONS_MAX 4096
/* Query arguments of one request: a page takes a few; more is an error
 * answered 400, never a dropped connection. libmicrohttpd keeps a request's
 * line, headers and arguments in one pool a connection: 64 KiB holds a
 * request line of KC_URL_MAX with every argument it can carry, and the
 * headers, so that a request too large is answered (414 or 431) by
 * libmicrohttpd rather than cut. */
#define KC_ARGS_MAX 64
#define KC_CONNECTION_POOL (64 * 1024)
#define KC_BODY_MIB_DEFAULT 64
#define KC_BODY_MIB_MAX 512

/* Raw plays: bytes of a CSV line (a play is under 200), bytes of a region
 * or platform code, distinct regions and platforms in one file (what the
 * binary format's 16- and 8-bit codes hold), the latest instant a play may
 * have (2100-01-01T00:00:00Z, in ms), and chart periods in one compile (a
 * year of hourly charts of 73 regions and 4 platforms is 2.6 million). */
#define KC_PLAYS_LINE_MAX 4096
#define KC_CODE_MAX 32
#define KC_REGIONS_MAX 65535
#define KC_PLATFORMS_MAX 255
#define KC_TS_MAX 4102444800000LL
#define KC_CP_MAX (1u << 24)

/* Webhooks: bytes of a hook's URL (browsers and servers take 2,000 and
 * more; a receiver's address is far shorter), and of what a failed attempt
 * keeps of its error (curl's messages are under CURL_ERROR_SIZE, 256). */
#define KC_HOOK_URL_MAX 2048
#define KC_HOOK_ERROR_MAX 256

#endif
