#ifndef CKERNELS_H
#define CKERNELS_H
/* Elementwise kernels of the network core that the Swift compiler, which targets baseline x86-64
   (SSE2), cannot vectorise wider: compiled once per instruction set (AVX-512, AVX2, baseline) and
   chosen at load time, with the same operations in the same order in each, so the results are
   the same to the last bit on every machine. */

/* tanh x in plain arithmetic: tanh |x| = (e^{2|x|} − 1) / (e^{2|x|} + 1) with y = 2|x| ≤ 40
   (beyond, tanh = 1 in Float64) split as y = k ln 2 + r, |r| ≤ ln 2 / 2 (Cody–Waite, k by the
   1.5 · 2⁵² rounding shift), e^r − 1 = r (1 + r/2! + … + r¹²/13!) (truncation < 1e-17, Estrin's
   scheme) and e^y − 1 = 2ᵏ (e^r − 1) + (2ᵏ − 1), which keeps full relative accuracy near 0.
   Within 4 ulps of glibc's tanh. */
double ck_tanh(double x);

/* Overwrites the rows × width matrix z (row-major) by a = tanh(z + b), b added to every row, and
   writes the slopes 1 − a² into `slope`. */
void ck_tanh_layer(double *z, const double *bias, double *slope, long rows, long width);
#endif
