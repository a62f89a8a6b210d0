/*
 * jsonpos.c: where a value sits in a JSON text, for error messages.
 *
 * jansson says where a syntax error is, but a parsed value keeps no position:
 * a file that is valid JSON and wrong for kchart ("kind": "albun") would get
 * no line and column. This walks the text again along the path of keys and
 * indices that led to the value (the path the checker kept) and returns the
 * value's line and column (in characters). Not a parser: it assumes text
 * that jansson already accepted, and gives 1:1 when the path is not found.
 */
#include "util/util.h"

#include <jansson.h>
#include <stdio.h>

#include <string.h>

static const char *ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    return p;
}

/* Past the string starting at p (a '"'). */
static const char *skip_string(const char *p, const char *end)
{
    for (p++; p < end && *p != '"'; p++)
        if (*p == '\\' && p + 1 < end)
            p++;
    return p < end ? p + 1 : end;
}

/* Past the value starting at p. */
static const char *skip_value(const char *p, const char *end)
{
    if (p >= end)
        return end;
    if (*p == '"')
        return skip_string(p, end);
    if (*p == '{' || *p == '[') {
        int depth = 0;
        while (p < end) {
            if (*p == '"') {
                p = skip_string(p, end);
                continue;
            }
            if (*p == '{' || *p == '[')
                depth++;
            else if (*p == '}' || *p == ']')
                if (--depth == 0)
                    return p + 1;
            p++;
        }
        return end;
    }
    while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n' &&
           *p != '\r' && *p != '\t')
        p++;
    return p;
}

/* The value of member key in the object at p, or NULL. */
static const char *member(const char *p, const char *end, const char *key)
{
    size_t kn = strlen(key);
    p = ws(p + 1, end);
    while (p < end && *p == '"') {
        const char *k = p + 1, *kend = skip_string(p, end) - 1;
        bool same = (size_t)(kend - k) == kn && !memcmp(k, key, kn);
        p = ws(kend + 1, end);
        if (p >= end || *p != ':')
            return NULL;
        p = ws(p + 1, end);
        if (same)
            return p;
        p = ws(skip_value(p, end), end);
        if (p < end && *p == ',')
            p = ws(p + 1, end);
    }
    return NULL;
}

/* Element index of the array at p, or NULL. */
static const char *element(const char *p, const char *end, size_t index)
{
    p = ws(p + 1, end);
    for (size_t i = 0; p < end && *p != ']'; i++) {
        if (i == index)
            return p;
        p = ws(skip_value(p, end), end);
        if (p < end && *p == ',')
            p = ws(p + 1, end);
    }
    return NULL;
}

void kc__json_path_locate(const char *text, size_t len, const kc__jpath *path,
                          size_t depth, int *line, int *col)
{
    const char *end = text + len, *p = text;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    p = ws(p, end);
    for (size_t i = 0; p && i < depth; i++) {
        if (path[i].key && p < end && *p == '{')
            p = member(p, end, path[i].key);
        else if (!path[i].key && p < end && *p == '[')
            p = element(p, end, path[i].index);
        else
            p = NULL;
    }
    if (!p || p > end)
        p = text;
    *line = 1;
    *col = 1;
    for (const char *q = text; q < p; q++) {
        size_t k = kc__line_break(q, p);
        if (k) {
            ++*line;
            *col = 1;
            q += k - 1;
        } else if ((*q & 0xC0) != 0x80) {
            ++*col;
        }
    }
}

/* ---- the chart formats' "data" arrays --------------------------------- */

void kc__json_locate(const char *buf, size_t len, int kd, size_t index, const char *key,
                     int *line, int *col)
{
    size_t pos = 0, found = len;
    int depth = 0;
    bool in_data = false;
    size_t element = 0;
    int elem_depth = 0;
    for (size_t i = 0; i < len && found == len; i++) {
        char c = buf[i];
        if (c == '"') {
            size_t s = i + 1, e = s;
            while (e < len && buf[e] != '"')
                e += buf[e] == '\\' ? 2 : 1;
            size_t n = e - s;
            size_t j = e + 1;
            while (j < len &&
                   (buf[j] == ' ' || buf[j] == '\n' || buf[j] == '\r' || buf[j] == '\t'))
                j++;
            bool is_key = j < len && buf[j] == ':';
            if (is_key && depth == kd && n == 4 && !memcmp(buf + s, "data", 4))
                in_data = true;
            else if (is_key && in_data && depth == elem_depth + 1 && element == index &&
                     key && strlen(key) == n && !memcmp(buf + s, key, n))
                found = j + 1;
            i = e;
            continue;
        }
        if (c == '{' || c == '[') {
            depth++;
            if (in_data && c == '[' && depth == kd + 1) {
                elem_depth = kd + 1;
            } else if (in_data && depth == elem_depth + 1 && elem_depth) {
                if (element == index && !key)
                    found = i;
            }
        } else if (c == '}' || c == ']') {
            if (in_data && depth == elem_depth + 1 && elem_depth)
                element++;
            depth--;
            if (in_data && depth < kd + 1 && elem_depth)
                in_data = false, elem_depth = 0;
        }
    }
    if (found == len)
        found = 0;
    while (found < len && (buf[found] == ' ' || buf[found] == '\t'))
        found++;
    *line = 1;
    size_t ls = 0;
    for (pos = 0; pos < found; pos++) {
        size_t k = kc__line_break(buf + pos, buf + found);
        if (k) {
            (*line)++;
            pos += k - 1;
            ls = pos + 1;
        }
    }
    *col = 1;
    for (pos = ls; pos < found; pos++)
        if (((unsigned char)buf[pos] & 0xC0) != 0x80)
            (*col)++;
}

void kc__json_element_starts(const char *buf, size_t len, int kd, int32_t *lines,
                             int32_t *cols, size_t n)
{
    int line = 1, depth = 0;
    size_t ls = 0, element = 0, counted = 0;
    int col = 1;
    bool in_data = false;
    /* The bytes that matter; a row is mostly others. */
    static const bool marks[256] = {
        ['\n'] = 1, ['\r'] = 1, ['"'] = 1, ['{'] = 1, ['['] = 1, ['}'] = 1, [']'] = 1};
    for (size_t i = 0; i < len && element < n; i++) {
        char c = buf[i];
        if (!marks[(unsigned char)c])
            continue;
        size_t k = kc__line_break(buf + i, buf + len);
        if (k) {
            line++;
            i += k - 1;
            ls = i + 1;
        } else if (c == '"') {
            /* To the closing quote: one after an even run of backslashes. */
            size_t s = i + 1, e = s;
            for (;;) {
                const char *q = memchr(buf + e, '"', len - e);
                if (!q) {
                    e = len;
                    break;
                }
                e = (size_t)(q - buf);
                size_t b = 0;
                while (e - b > s && buf[e - b - 1] == '\\')
                    b++;
                if (!(b & 1))
                    break;
                e++;
            }
            if (depth == kd && e - s == 4 && !memcmp(buf + s, "data", 4))
                in_data = true;
            i = e;
        } else if (c == '{' || c == '[') {
            if (in_data && depth == kd + 1) {
                /* Count characters since the last element, not since the
                 * line began: these files are often one long line. */
                if (counted < ls) {
                    counted = ls;
                    col = 1;
                }
                for (; counted < i; counted++)
                    col += ((unsigned char)buf[counted] & 0xC0) != 0x80;
                lines[element] = line;
                cols[element++] = col;
            }
            depth++;
        } else if (c == '}' || c == ']') {
            depth--;
            if (depth < kd + 1)
                in_data = false;
        }
    }
}

int kc__json_parse(const char *buf, size_t len, const char *path, json_t **root,
                   char *err, size_t errlen)
{
    json_error_t je;
    kc__json_hook();
    kc__json_nomem(); /* forget failures before this parse */
    *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
    if (kc__json_nomem()) {
        /* jansson may have gone on without what it failed to allocate. */
        json_decref(*root);
        *root = NULL;
        snprintf(err, errlen, "%s: out of memory", path);
        return KC_ENOMEM;
    }
    if (*root)
        return KC_OK;
    /* jansson's position is the bytes read when it failed, its column the
     * characters of that line read so far: the same count, by our lines. */
    size_t end = je.position > 0 && (size_t)je.position <= len ? (size_t)je.position : 0;
    int line = 1, col = 0;
    for (size_t i = 0; i < end; i++) {
        size_t k = kc__line_break(buf + i, buf + end);
        if (k) {
            line++;
            col = 0;
            i += k - 1;
        } else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    snprintf(err, errlen, "%s:%d:%d: %s", path, line, col < 1 ? 1 : col, je.text);
    return KC_EINPUT;
}
