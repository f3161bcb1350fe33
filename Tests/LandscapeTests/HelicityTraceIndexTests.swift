import BigInt
import Testing
@testable import Landscape

@Suite struct HelicityTraceIndexTests {
    /// The first coefficients of −θ₁²/η⁶ as tabulated in the literature (science/bps.md).
    @Test func firstCoefficientsMatchTheTable() {
        let index = HelicityTraceIndex(maxDiscriminant: 16)
        let expected: [(Int, BigInt)] = [(-1, 1), (0, -2), (3, 8), (4, -12), (7, 39), (8, -56), (11, 152), (12, -208), (15, 513), (16, -684)]
        for (delta, c) in expected { #expect(index.coefficient(delta) == c, "c(\(delta))") }
        #expect(index.coefficient(1) == 0)
        #expect(index.coefficient(2) == 0)
        #expect((1...4).map { index.minimaCount(charge: $0) } == [12, 56, 208, 684])
    }

    /// The product formula and the theta sum over Euler's product are two independent expansions.
    @Test func productAndThetaExpansionsAgree() {
        for order in [0, 1, 5, 20] {
            #expect(HelicityTraceIndex.productSeries(order: order) == HelicityTraceIndex.thetaSeries(order: order), "order \(order)")
        }
    }

    /// Coefficients of a weak Jacobi form of index 1 depend on 4k − l² only.
    @Test func coefficientsDependOnlyOnTheDiscriminant() {
        let index = HelicityTraceIndex(maxDiscriminant: 80)
        #expect(index.discriminantViolations().isEmpty)
        #expect(index.comparedTerms() > 250)
    }

    /// Past Δ ≈ 300 the coefficients no longer fit in 64 bits; the arithmetic stays exact and the
    /// two expansions still agree term by term.
    @Test func exactBeyondSixtyFourBits() {
        let order = HelicityTraceIndex.order(for: 320)
        let product = HelicityTraceIndex.productSeries(order: order)
        #expect(product == HelicityTraceIndex.thetaSeries(order: order))
        let c320 = HelicityTraceIndex(maxDiscriminant: 320).coefficient(320)
        #expect(c320.magnitude > BigUInt(UInt64.max))
    }
}
