#ifndef CLAPACK_SHIM_H
#define CLAPACK_SHIM_H
/* Swift cannot import C `_Complex`; LAPACKE's custom-complex hook gives it plain structs with the
   same memory layout (two consecutive reals), which Swift's `Complex` matches. */
#define LAPACK_COMPLEX_CUSTOM
typedef struct { float re; float im; } clapack_complex_float;
typedef struct { double re; double im; } clapack_complex_double;
#define lapack_complex_float clapack_complex_float
#define lapack_complex_double clapack_complex_double
#include <lapacke.h>
#include <cblas.h>
#endif
