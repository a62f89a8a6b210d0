/*
 * kchart_int.h: what the top of the library (kchart.c) sees: every layer's
 * header, the highest first. Only kchart.c includes it.
 */
#ifndef KC_KCHART_INT_H
#define KC_KCHART_INT_H

#include "compile/compile.h"
#include "query/query.h"

#endif
