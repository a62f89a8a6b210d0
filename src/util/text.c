/*
 * text.c: UTF-8 checks and the normal forms names are stored and matched in;
 * numbers with their thousands grouped, for sentences; bytes as hex digits,
 * and random ones (a token's, a webhook's secret).
 *
 * Stored text is NFC. Matching uses NFKC with case folding (utf8proc), so
 * "ＢＴＳ", "bts" and "BTS" meet, and Hangul names compare as composed
 * syllables. Credits are matched as a set of names: "A feat. B", "A & B",
 * "A, B" and "B X A" are one credit. Not a transliterator: "뷔" and "V" meet
 * only through an alias in the catalog.
 */
#include "util/util.h"

#include <errno.h>
#include <sys/random.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t kc__utf8_check(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k < 0)
            return i;
        i += (size_t)k;
    }
    return n;
}

void kc__utf8_cut(char *s)
{
    size_t n = strlen(s), i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t want = lead < 0x80    ? 1
                  : lead >= 0xF0 ? 4
                  : lead >= 0xE0 ? 3
                  : lead >= 0xC0 ? 2
                                 : 1;
    if (n - (i - 1) < want)
        s[i - 1] = '\0';
}

void kc__format_thousands(int64_t v, char *out, size_t len)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%llu",
             v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
    size_t n = strlen(digits), o = 0;
    if (v < 0 && o + 1 < len)
        out[o++] = '-';
    for (size_t i = 0; i < n && o + 2 < len; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

/* utf8proc_map's work with a buffer from kc__malloc (utf8proc allocates
 * with plain malloc and has no hook, so a test could not fail it): s,
 * NUL-terminated, decomposed and recomposed under options into *out (owned,
 * free()). Its length, or a negative utf8proc error (bad UTF-8,
 * UTF8PROC_ERROR_NOMEM). */
static utf8proc_ssize_t map(const char *s, utf8proc_option_t options, char **out)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    options |= UTF8PROC_NULLTERM;
    utf8proc_ssize_t n = utf8proc_decompose(u, 0, NULL, 0, options);
    if (n < 0)
        return n;
    /* Code points first, then their UTF-8 written over them in place: at
     * most 4 bytes each and a NUL. */
    utf8proc_int32_t *buf = kc__malloc(((size_t)n + 1) * sizeof *buf);
    if (!buf)
        return UTF8PROC_ERROR_NOMEM;
    n = utf8proc_decompose(u, 0, buf, n, options);
    if (n >= 0)
        n = utf8proc_reencode(buf, n, options);
    if (n < 0) {
        free(buf);
        return n;
    }
    *out = (char *)buf;
    return n;
}

char *kc__nfc(const char *s)
{
    /* ASCII is its own NFC: most chart titles are, and normalising every
     * one costs more than storing it. */
    const unsigned char *p = (const unsigned char *)s;
    while (*p && *p < 0x80)
        p++;
    if (!*p)
        return kc__strdup(s);
    char *out = NULL;
    return map(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE, &out) < 0 ? NULL : out;
}

/* s[0..n) with each byte that is not UTF-8 replaced by U+FFFD (owned), or
 * NULL: no memory. */
static char *utf8_replaced(const char *s, size_t n)
{
    char *out = kc__malloc(n * 3 + 1), *o = out;
    while (out && n) {
        size_t ok = kc__utf8_check(s, n);
        memcpy(o, s, ok);
        o += ok;
        if (ok < n) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            ok++;
        }
        s += ok;
        n -= ok;
    }
    if (out)
        *o = '\0';
    return out;
}

/* NFKC + case fold + strip marks of compatibility; punctuation and symbols
 * become spaces, runs of spaces collapse. Text that is not UTF-8 (an
 * argument or a request; stored names always are) folds with its bad bytes
 * as U+FFFD, a symbol: it matches no name, where failing would be taken for
 * running out of memory. */
static char *fold(const char *s)
{
    size_t len = strlen(s);
    char *clean = NULL;
    if (kc__utf8_check(s, len) != len && !(s = clean = utf8_replaced(s, len)))
        return NULL;
    char *mapped = NULL;
    utf8proc_ssize_t n = map(s,
                             UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                 UTF8PROC_CASEFOLD | UTF8PROC_IGNORE,
                             &mapped);
    free(clean);
    if (n < 0)
        return NULL;
    const utf8proc_uint8_t *f = (const utf8proc_uint8_t *)mapped;
    char *out = kc__malloc((size_t)n + 1);
    if (!out) {
        free(mapped);
        return NULL;
    }
    size_t o = 0;
    bool space = true; /* drop leading spaces */
    for (utf8proc_ssize_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(f + i, n - i, &cp);
        if (k <= 0)
            break;
        utf8proc_category_t c = utf8proc_category(cp);
        bool word = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
                    (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_NO);
        /* Apostrophes join: "Don't" matches "Dont", not "Don t". */
        if (cp == '\'' || cp == 0x2019) {
            i += k;
            continue;
        }
        if (word) {
            memcpy(out + o, f + i, (size_t)k);
            o += (size_t)k;
            space = false;
        } else if (!space) {
            out[o++] = ' ';
            space = true;
        }
        i += k;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    free(mapped);
    return out;
}

char *kc__match_title(const char *s)
{
    return fold(s);
}

/* Words that join names in a credit. "and" is one too: Billboard writes
 * "Perez Prado And His Orchestra" and "Ella Langley & Morgan Wallen" alike. */
static bool joiner(const char *w, size_t n)
{
    static const char *const words[] = {"feat", "featuring", "ft", "with",
                                        "and",  "x",         "vs", "duet"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && !memcmp(words[i], w, n))
            return true;
    return false;
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *kc__match_credit(const char *s)
{
    char *f = fold(s);
    if (!f)
        return NULL;
    /* Split into words, drop joiners, sort and de-duplicate: the credit as a
     * set of words, so the order and the joiners do not matter. */
    size_t n = strlen(f), nw = 0;
    char **w = kc__malloc((n / 2 + 2) * sizeof *w);
    char *out = kc__malloc(n + 1);
    if (!w || !out) {
        free(f);
        free(w);
        free(out);
        return NULL;
    }
    for (char *p = f; *p;) {
        char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (!joiner(p, len))
            w[nw++] = p;
        if (!e)
            break;
        *e = '\0';
        p = e + 1;
    }
    qsort(w, nw, sizeof *w, cmpstr);
    size_t o = 0;
    for (size_t i = 0; i < nw; i++) {
        if (i > 0 && !strcmp(w[i], w[i - 1]))
            continue;
        size_t len = strlen(w[i]);
        if (o)
            out[o++] = ' ';
        memcpy(out + o, w[i], len);
        o += len;
    }
    out[o] = '\0';
    free(w);
    free(f);
    return out;
}

char *kc__match_lead(const char *s)
{
    /* Names are also joined by punctuation, which folding turns into
     * spaces: cut the credit at the first ',', '&' or '+' first. */
    size_t cut = strcspn(s, ",&+");
    char *head = kc__strndup(s, cut);
    if (!head)
        return NULL;
    char *f = fold(head);
    free(head);
    if (!f)
        return NULL;
    for (char *p = f; *p;) {
        char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (joiner(p, len)) {
            *(p > f ? p - 1 : p) = '\0';
            break;
        }
        if (!e)
            break;
        p = e + 1;
    }
    return f;
}

int kc__scripts(const char *s, size_t n)
{
    int got = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return 0;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
            got |= cp < 0x250 ? KC_SCRIPT_LATIN : KC_SCRIPT_OTHER;
        i += (size_t)k;
    }
    return got;
}

/* ---- how near two names are ------------------------------------------------------ */

size_t kc__edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 64)
        n = 64;
    if (m > 64)
        m = 64;
    size_t row[65];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

void kc__hex(const uint8_t *b, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
}

int kc__random_hex(size_t n, char *out, char *err, size_t errlen)
{
    uint8_t b[64];
    if (n > sizeof b) {
        snprintf(err, errlen, "more random bytes than one call takes");
        return KC_EUSAGE;
    }
    size_t got = 0;
    while (got < n) {
        ssize_t k = getrandom(b + got, n - got, 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            snprintf(err, errlen, "no random bytes: %s", strerror(errno));
            return KC_EIO;
        }
        got += (size_t)k;
    }
    kc__hex(b, n, out);
    return KC_OK;
}
