#include "CKernels.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

/* No fused multiply-adds: every clone rounds each product and sum as the baseline does. */
#pragma clang fp contract(off)

static inline double tanh_kernel(double x) {
    double y = 2 * fabs(x);
    y = 40 < y ? 40 : y;
    double shifted = y * 1.4426950408889634 + 0x1.8p52;
    double k = shifted - 0x1.8p52;
    double r = (y - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10;
    /* (e^r − 1) / r = Σ_{k=0}^{12} r^k / (k+1)!, by Estrin's scheme. */
    double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    double b0 = 1 + r * 0.5, b1 = 1.0 / 6 + r * (1.0 / 24), b2 = 1.0 / 120 + r * (1.0 / 720);
    double b3 = 1.0 / 5040 + r * (1.0 / 40320), b4 = 1.0 / 362880 + r * (1.0 / 3628800);
    double b5 = 1.0 / 39916800 + r * (1.0 / 479001600), b6 = 1.0 / 6227020800.0;
    double q = (b0 + r2 * b1) + r4 * (b2 + r2 * b3) + r8 * ((b4 + r2 * b5) + r4 * b6);
    uint64_t bits;
    memcpy(&bits, &shifted, sizeof bits);
    bits = (bits + 1023) << 52; /* 2ᵏ: k sits in the low bits of `shifted` */
    double power;
    memcpy(&power, &bits, sizeof power);
    double expm1 = power * (q * r) + (power - 1);
    double t = expm1 / (expm1 + 2);
    return x < 0 ? -t : t;
}

double ck_tanh(double x) { return tanh_kernel(x); }

#if defined(__x86_64__)
#define PER_INSTRUCTION_SET __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define PER_INSTRUCTION_SET
#endif

PER_INSTRUCTION_SET
void ck_tanh_layer(double *z, const double *bias, double *slope, long rows, long width) {
    for (long i = 0; i < rows; i++) {
        double *zi = z + i * width, *si = slope + i * width;
        for (long j = 0; j < width; j++) {
            double a = tanh_kernel(zi[j] + bias[j]);
            zi[j] = a;
            si[j] = 1 - a * a;
        }
    }
}
