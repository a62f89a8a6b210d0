/*
 * token.c: the bearer tokens that allow writes through the server.
 *
 * A token is "kc_" and 64 hex digits from the kernel's random source; only
 * its SHA-256 is stored (table token), so a copy of the database does not
 * hand out write access. A token has 256 bits of entropy, so a fast hash is
 * enough: nobody can guess one to match a hash. Not the HTTP side: the server
 * reads the Authorization header and asks kc_token_check.
 */
#include "model/model.h"

#include <nettle/sha2.h>
#include <sql/model_sql.h>
#include <stdio.h>
#include <string.h>

static void hash_of(const char *token, size_t len, char out[2 * SHA256_DIGEST_SIZE + 1])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, (const uint8_t *)token);
    sha256_digest(&ctx, sizeof digest, digest);
    kc__hex(digest, sizeof digest, out);
}

static int check_name(kc_db *db, const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > KC_TOKEN_NAME_MAX)
        return kc__fail(db, KC_EUSAGE, "a token name has 1 to %d characters",
                        KC_TOKEN_NAME_MAX);
    for (const char *p = name; *p; p++)
        if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
            !(*p >= '0' && *p <= '9') && !strchr("-_.", *p))
            return kc__fail(db, KC_EUSAGE,
                            "a token name is letters, digits, '-', '_' and '.'");
    return KC_OK;
}

int kc_token_create(kc_db *db, const char *name, char token[KC_TOKEN_LEN + 1])
{
    int rc = check_name(db, name);
    if (rc)
        return rc;
    char err[KC_ERRMSG_MAX];
    memcpy(token, "kc_", 3);
    int rrc = kc__random_hex(32, token + 3, err, sizeof err);
    if (rrc)
        return kc__fail(db, rrc, "%s", err);
    char h[2 * SHA256_DIGEST_SIZE + 1];
    hash_of(token, KC_TOKEN_LEN, h);
    sqlite3_stmt *st = kc__prepare(db, kc__sql_token_create);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":name", name);
    kc__bind_text(st, ":hash", h);
    int step = sqlite3_step(st);
    if (step == SQLITE_CONSTRAINT)
        rc = kc__fail(db, KC_ECONFLICT, "a token named \"%s\" exists (revoke it first)",
                      name);
    else if (step != SQLITE_DONE)
        rc = kc__sqlfail(db, "token");
    sqlite3_finalize(st);
    if (rc)
        memset(token, 0, KC_TOKEN_LEN + 1);
    return rc;
}

int kc_token_check(kc_db *db, const char *token, size_t len)
{
    if (len != KC_TOKEN_LEN || memcmp(token, "kc_", 3) != 0)
        return kc__fail(db, KC_ENOTFOUND, "not a kchart token");
    char h[2 * SHA256_DIGEST_SIZE + 1];
    hash_of(token, len, h);
    sqlite3_stmt *st = kc__prepare(db, kc__sql_token_check);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":hash", h);
    int step = sqlite3_step(st);
    int rc = step == SQLITE_ROW ? KC_OK
             : step == SQLITE_DONE
                 ? kc__fail(db, KC_ENOTFOUND, "unknown or revoked token")
                 : kc__sqlfail(db, "token");
    sqlite3_finalize(st);
    return rc;
}

int kc_token_revoke(kc_db *db, const char *name)
{
    sqlite3_stmt *st = kc__prepare(db, kc__sql_token_revoke);
    if (!st)
        return KC_ESTORE;
    kc__bind_text(st, ":name", name);
    int rc = sqlite3_step(st) == SQLITE_DONE ? KC_OK : kc__sqlfail(db, "token");
    if (!rc && sqlite3_changes(kc__sql(db)) == 0)
        rc = kc__fail(db, KC_ENOTFOUND, "no token named \"%s\"", name);
    sqlite3_finalize(st);
    return rc;
}

int kc_query_tokens(kc_db *db, kc_table **out)
{
    return kc__table_from_sql(db, kc__sql_token_list, NULL, 0, out);
}
