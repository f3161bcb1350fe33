import Foundation
import Testing
@testable import Landscape

@Suite struct ExponentialIntegralTests {
    /// Reference values to 20 digits (mpmath, 30-digit arithmetic).
    @Test func matchesReferenceValues() {
        let reference: [(Double, Double)] = [
            (1e-300, 690.19831223331217234), (1e-10, 22.44863526513892398), (1e-3, 6.331539364136149332),
            (0.1, 1.8229239584193906661), (0.5, 0.55977359477616081175), (1, 0.21938393439552027368),
            (2, 0.048900510708061119567), (5, 0.0011482955912753257973), (10, 4.1569689296853242774e-6),
            (50, 3.7832640295504590187e-24), (700, 1.4065187662340329228e-307),
        ]
        for (x, e1) in reference {
            #expect(abs(exponentialIntegralE1(x) / e1 - 1) < 1e-13, "E1(\(x)) = \(exponentialIntegralE1(x))")
        }
    }

    /// The series (x ≤ 1) and the continued fraction (x > 1) join without a step.
    @Test func expansionsJoinAtOne() {
        let below = exponentialIntegralE1(1.0.nextDown), above = exponentialIntegralE1(1.0.nextUp)
        #expect(abs(above / below - 1) < 1e-14)
    }

    /// e^x E1(x) against its asymptotic series Σ (−1)^k k!/x^{k+1} far beyond the range of E1
    /// itself, and against E1 where both are finite.
    @Test func scaledFormStaysFinite() {
        for x in [1e3, 1e5] {
            var term = 1 / x, sum = 0.0
            for k in 0..<12 { sum += term; term *= -Double(k + 1) / x }
            #expect(abs(scaledExponentialIntegralE1(x) / sum - 1) < 1e-14)
        }
        for x in [0.01, 0.7, 3, 30] {
            #expect(abs(scaledExponentialIntegralE1(x) * exp(-x) / exponentialIntegralE1(x) - 1) < 1e-14)
        }
    }
}
