/*
 * credits.c (model): a chart row's credit parsed into artists with roles.
 *
 * "Jung Kook Featuring Latto" names two artists, "Earth, Wind & Fire" one.
 * Strong separators ("Featuring", "feat.", "ft.", "with", "Duet With", and a
 * title's "(feat. X)" or "(with X)") always split: what follows is featured
 * (a duet's partner is a lead). Weak separators ("x", "&", ",", "and", "+",
 * "/") split only where the evidence says so: each piece must be a name the
 * caller knows (the catalog's artists and aliases, a credit seen whole as a
 * sole credit: docs/entities.md), the fewest pieces win (so the longest
 * known span), and a credit that cannot be cut into known names stays one
 * artist. The Korean services' "제니 (JENNIE)" is one artist whose name has
 * an alias in the other script. Not the store's side (derive/credits.c
 * finds and makes the artists and writes song_artist), and no hand list of
 * names.
 */
#include "model/model.h"

#include <stdlib.h>
#include <string.h>

/* A credit's words: content, or a weak separator. */
typedef struct {
    const char *s; /* into the credit (or title) */
    size_t n;
    bool sep;   /* a weak separator ("&", ",", "x", "and", "+", "/") */
    bool sym;   /* a separator of symbols only: never a name's first or last word */
    char *fold; /* the word's matching form, "" for symbols (owned) */
} word;

typedef struct {
    word *w;
    size_t n, cap;
} words;

static bool same_ci(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n != k)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return false;
    }
    return true;
}

/* The matching form of one word. ASCII, the most of chart credits, is
 * folded here as text.c's fold does it (letters lowercased, digits kept,
 * apostrophes dropped, anything else a space): utf8proc costs more than the
 * parse. */
static char *fold_word(const char *s, size_t n)
{
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    if (!ascii) {
        char *copy = kc__malloc(n + 1);
        if (!copy)
            return NULL;
        memcpy(copy, s, n);
        copy[n] = '\0';
        char *m = kc__match_title(copy);
        free(copy);
        return m;
    }
    char *out = kc__malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    bool space = true;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\'')
            continue;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out[o++] = c;
            space = false;
        } else if (c >= 'A' && c <= 'Z') {
            out[o++] = (char)(c - 'A' + 'a');
            space = false;
        } else if (!space) {
            out[o++] = ' ';
            space = true;
        }
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return out;
}

static int push(words *ws, const char *s, size_t n, bool sep, bool sym)
{
    if (ws->n == ws->cap) {
        size_t cap = ws->cap ? ws->cap * 2 : 16;
        word *w = kc__realloc(ws->w, cap * sizeof *w);
        if (!w)
            return -1;
        ws->w = w;
        ws->cap = cap;
    }
    char *f = sym ? kc__strdup("") : fold_word(s, n);
    if (!f)
        return -1;
    ws->w[ws->n++] = (word){s, n, sep, sym, f};
    return 0;
}

static void words_free(words *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        free(ws->w[i].fold);
    free(ws->w);
    ws->w = NULL;
    ws->n = ws->cap = 0;
}

/* Splits s[0..n) into words at spaces; a trailing ',' and a '/' are words
 * of their own ("David Crosby/Graham Nash"). */
static int split(const char *s, size_t n, words *ws)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        /* s[i..j) is one run without spaces: cut it at '/' and ','. */
        size_t k = i;
        while (k < j) {
            size_t e = k;
            while (e < j && s[e] != '/' && s[e] != ',')
                e++;
            if (e > k) {
                const char *p = s + k;
                size_t m = e - k;
                bool sep = same_ci(p, m, "x") || same_ci(p, m, "and") ||
                           (m == 1 && (*p == '&' || *p == '+'));
                if (push(ws, p, m, sep, m == 1 && (*p == '&' || *p == '+')))
                    return -1;
            }
            if (e < j && push(ws, s + e, 1, true, true))
                return -1;
            k = e + 1;
        }
        i = j;
    }
    return 0;
}

/* The matching form of words [a, b): their folds joined by a space. Owned. */
static char *span_fold(const words *ws, size_t a, size_t b)
{
    size_t len = 1;
    for (size_t i = a; i < b; i++)
        len += strlen(ws->w[i].fold) + 1;
    char *out = kc__malloc(len);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = a; i < b; i++) {
        size_t k = strlen(ws->w[i].fold);
        if (!k)
            continue;
        if (o)
            out[o++] = ' ';
        memcpy(out + o, ws->w[i].fold, k);
        o += k;
    }
    out[o] = '\0';
    return out;
}

static bool has_high(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return true;
    return false;
}

/* Where words [a, b) are "name (alias)" in two scripts (one side beyond
 * ASCII, the other not): the word that opens the parenthesis, else 0. */
static size_t paren_at(const words *ws, size_t a, size_t b)
{
    if (b - a < 2)
        return 0;
    const word *last = &ws->w[b - 1];
    if (last->s[last->n - 1] != ')')
        return 0;
    for (size_t p = a + 1; p < b; p++)
        if (ws->w[p].s[0] == '(') {
            const char *o = ws->w[a].s, *i = ws->w[p].s + 1;
            size_t on = (size_t)(ws->w[p - 1].s + ws->w[p - 1].n - o);
            size_t in = (size_t)(last->s + last->n - 1 - i);
            return has_high(o, on) != has_high(i, in) ? p : 0;
        }
    return 0;
}

/* Whether words [a, b) name an artist the caller knows. */
static int span_known(const words *ws, size_t a, size_t b, kc__credit_known known,
                      void *ctx, bool *yes)
{
    char *f = span_fold(ws, a, b);
    if (!f)
        return -1;
    *yes = *f && known(ctx, f);
    free(f);
    size_t p = *yes ? 0 : paren_at(ws, a, b);
    for (int side = 0; p && side < 2 && !*yes; side++) {
        f = side ? span_fold(ws, p, b) : span_fold(ws, a, p);
        if (!f)
            return -1;
        *yes = *f && known(ctx, f);
        free(f);
    }
    return 0;
}

/* Frees the strings of a[0..n), not a. */
static void strings_free(kc__credit_artist *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        free(a[i].name);
        free(a[i].alias);
        free(a[i].match);
        free(a[i].alias_match);
    }
}

static int add_artist(kc__credit_artist **out, size_t *n, size_t *cap, const char *s,
                      size_t len, bool featured)
{
    while (len && (s[len - 1] == ' ' || s[len - 1] == ','))
        len--;
    if (!len)
        return 0;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 4;
        kc__credit_artist *v = kc__realloc(*out, c * sizeof *v);
        if (!v)
            return -1;
        *out = v;
        *cap = c;
    }
    kc__credit_artist *a = &(*out)[*n];
    memset(a, 0, sizeof *a);
    a->featured = featured;
    a->name = kc__malloc(len + 1);
    if (!a->name)
        return -1;
    memcpy(a->name, s, len);
    a->name[len] = '\0';
    /* "제니 (JENNIE)": the name in Latin letters, the alias in the other
     * script (either may come first). */
    words ws = {0};
    int rc = s[len - 1] == ')' ? split(s, len, &ws) : 0;
    size_t p = rc || !ws.n ? 0 : paren_at(&ws, 0, ws.n);
    if (p) {
        const char *o = s, *i = ws.w[p].s + 1;
        size_t on = (size_t)(ws.w[p - 1].s + ws.w[p - 1].n - o);
        size_t in = (size_t)(s + len - 1 - i);
        bool latin_in = !has_high(i, in);
        const char *name = latin_in ? i : o, *alias = latin_in ? o : i;
        size_t nn = latin_in ? in : on, an = latin_in ? on : in;
        char *nm = kc__malloc(nn + 1), *al = kc__malloc(an + 1);
        if (!nm || !al) {
            free(nm);
            free(al);
            rc = -1;
        } else {
            memcpy(nm, name, nn);
            nm[nn] = '\0';
            memcpy(al, alias, an);
            al[an] = '\0';
            free(a->name);
            a->name = nm;
            a->alias = al;
        }
    }
    words_free(&ws);
    if (!rc && !(a->match = fold_word(a->name, strlen(a->name))))
        rc = -1;
    if (!rc && a->alias && !(a->alias_match = fold_word(a->alias, strlen(a->alias))))
        rc = -1;
    (*n)++; /* freed with the rest, whole or not */
    return rc;
}

/* The artists of words [a, b) (one segment between strong separators),
 * appended to out: the fewest known names that cover it, else the whole. */
static int segment(const words *ws, size_t a, size_t b, bool featured,
                   kc__credit_known known, void *ctx, kc__credit_artist **out, size_t *n,
                   size_t *cap)
{
    while (a < b && ws->w[a].sym)
        a++;
    while (b > a && ws->w[b - 1].sym)
        b--;
    if (a >= b)
        return 0;
    size_t m = b - a;
    /* best[i]: the fewest known names covering [a + i, b), 0: none do;
     * cut[i]: where the first of them ends. Filled from the end, longest
     * span first, so that a tie keeps the longer first name. A name starts
     * after one separator or more (or at the start: "X Ambassadors"), and
     * never ends with a symbol. */
    size_t *best = kc__calloc(m + 1, sizeof *best), *cut = kc__calloc(m + 1, sizeof *cut);
    int rc = best && cut ? 0 : -1;
    for (size_t i = m; !rc && i-- > 0;) {
        if (i > 0 && ws->w[a + i].sep)
            continue;
        for (size_t e = m; !rc && e > i; e--) {
            if (ws->w[a + e - 1].sym)
                continue;
            size_t next = e;
            if (e < m) {
                if (!ws->w[a + e].sep)
                    continue;
                while (next < m && ws->w[a + next].sep)
                    next++;
                if (next >= m || !best[next])
                    continue;
            }
            size_t pieces = 1 + (e < m ? best[next] : 0);
            if (best[i] && best[i] <= pieces)
                continue;
            bool yes;
            if (span_known(ws, a + i, a + e, known, ctx, &yes))
                rc = -1;
            else if (yes) {
                best[i] = pieces;
                cut[i] = e;
            }
        }
    }
    if (!rc && best[0]) {
        for (size_t i = 0; !rc && i < m;) {
            size_t e = cut[i];
            const word *f = &ws->w[a + i], *l = &ws->w[a + e - 1];
            rc = add_artist(out, n, cap, f->s, (size_t)(l->s + l->n - f->s), featured);
            i = e;
            while (i < m && ws->w[a + i].sep)
                i++;
        }
    } else if (!rc) {
        const word *f = &ws->w[a], *l = &ws->w[b - 1];
        rc = add_artist(out, n, cap, f->s, (size_t)(l->s + l->n - f->s), featured);
    }
    free(best);
    free(cut);
    return rc;
}

/* A strong separator at word i of ws: 1 featured, 2 a duet's lead (two
 * words: "Duet With"), 0 none. */
static int strong_at(const words *ws, size_t i)
{
    const word *w = &ws->w[i];
    const char *s = w->s;
    size_t n = w->n;
    if (n && *s == '(') {
        s++;
        n--;
    }
    if (same_ci(s, n, "duet") && i + 1 < ws->n &&
        same_ci(ws->w[i + 1].s, ws->w[i + 1].n, "with"))
        return 2;
    return same_ci(s, n, "featuring") || same_ci(s, n, "feat.") ||
           same_ci(s, n, "feat") || same_ci(s, n, "ft.") || same_ci(s, n, "with") ||
           same_ci(s, n, "w/");
}

/* The artists of text (a credit, or a title's "(feat. X)" part when
 * all_featured), appended to out. */
static int parse_text(const char *text, size_t len, bool all_featured,
                      kc__credit_known known, void *ctx, kc__credit_artist **out,
                      size_t *n, size_t *cap)
{
    words ws = {0};
    int rc = split(text, len, &ws);
    size_t start = 0;
    bool featured = all_featured, open = false;
    for (size_t i = 0; !rc && i <= ws.n; i++) {
        int kind = i < ws.n && i > start ? strong_at(&ws, i) : 0;
        if (i < ws.n && !kind)
            continue;
        size_t end = i;
        /* "(featuring X)": the parenthesis closes the segment. */
        if (open && end > start) {
            word *l = &ws.w[end - 1];
            if (l->n && l->s[l->n - 1] == ')') {
                l->n--;
                free(l->fold);
                if (!(l->fold = fold_word(l->s, l->n)))
                    rc = -1;
                if (!rc && !l->n)
                    end--;
            }
        }
        if (!rc)
            rc = segment(&ws, start, end, featured, known, ctx, out, n, cap);
        if (i < ws.n) {
            open = ws.w[i].s[0] == '(';
            featured = all_featured || kind == 1;
            start = i + (kind == 2 ? 2 : 1);
            i = start - 1;
        }
    }
    words_free(&ws);
    return rc;
}

/* The start of a title's "(feat. X)" part after from, its length in *n. */
static const char *title_feat(const char *from, size_t *n)
{
    static const char *const opens[] = {"(feat. ", "(ft. ",  "(featuring ", "(with ",
                                        "[feat. ", "[with ", "[featuring "};
    for (const char *p = from; *p; p++) {
        if (*p != '(' && *p != '[')
            continue;
        for (size_t k = 0; k < sizeof opens / sizeof *opens; k++) {
            size_t m = strlen(opens[k]);
            if (opens[k][0] != *p || !same_ci(p + 1, m - 1, opens[k] + 1) ||
                strlen(p) < m)
                continue;
            /* same_ci compares only m - 1 bytes of p + 1 */
            const char *s = p + m, *e = strchr(s, *p == '(' ? ')' : ']');
            if (!e)
                return NULL;
            *n = (size_t)(e - s);
            return s;
        }
    }
    return NULL;
}

int kc__credit_parse(const char *credit, const char *title, kc__credit_known known,
                     void *ctx, kc__credit_artist **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    int rc = parse_text(credit, strlen(credit), false, known, ctx, out, n, &cap);
    size_t fn = 0;
    const char *f = title && !rc ? title_feat(title, &fn) : NULL;
    if (f && !rc) {
        size_t before = *n;
        rc = parse_text(f, fn, true, known, ctx, out, n, &cap);
        /* A name the credit gives already is not featured again. */
        for (size_t i = before; !rc && i < *n;) {
            bool dup = false;
            for (size_t j = 0; j < before && !dup; j++)
                dup = !strcmp((*out)[i].match, (*out)[j].match);
            if (!dup) {
                i++;
                continue;
            }
            kc__credit_artist gone = (*out)[i];
            memmove(&(*out)[i], &(*out)[i + 1], (*n - i - 1) * sizeof **out);
            (*n)--;
            strings_free(&gone, 1);
        }
    }
    if (rc) {
        kc__credits_free(*out, *n);
        *out = NULL;
        *n = 0;
        return KC_ENOMEM;
    }
    return KC_OK;
}

void kc__credits_free(kc__credit_artist *a, size_t n)
{
    strings_free(a, n);
    free(a);
}

char *kc__credit_match(const char *credit)
{
    return fold_word(credit, strlen(credit));
}

int kc__credit_shape(const char *credit)
{
    words ws = {0};
    if (split(credit, strlen(credit), &ws)) {
        words_free(&ws); /* the words split before memory ran out */
        return -1;
    }
    int shape = 0;
    for (size_t i = 0; i < ws.n && shape < 2; i++)
        if (i > 0 && strong_at(&ws, i))
            shape = 2;
        else if (ws.w[i].sep && i > 0 && i + 1 < ws.n)
            shape = 1;
    words_free(&ws);
    return shape;
}

int kc__credit_spans(const char *credit, int (*each)(void *ctx, const char *match),
                     void *ctx)
{
    words ws = {0};
    int rc = split(credit, strlen(credit), &ws) ? KC_ENOMEM : KC_OK;
    for (size_t a = 0; !rc && a < ws.n; a++) {
        if (ws.w[a].sep)
            continue;
        for (size_t b = a + 1; !rc && b <= ws.n; b++) {
            char *f = span_fold(&ws, a, b);
            if (!f)
                rc = KC_ENOMEM;
            else if (*f)
                rc = each(ctx, f);
            free(f);
        }
    }
    words_free(&ws);
    return rc;
}
