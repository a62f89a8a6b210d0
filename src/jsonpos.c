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
#include "kc.h"

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
        if (*q == '\n') {
            ++*line;
            *col = 1;
        } else if ((*q & 0xC0) != 0x80) {
            ++*col;
        }
    }
}
