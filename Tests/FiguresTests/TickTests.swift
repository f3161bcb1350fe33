import Foundation
import Testing
@testable import Figures

/// Whether `step` is 1, 2 or 5 times a power of ten.
private func isNice(_ step: Double) -> Bool {
    let mantissa = step / pow(10, floor(log10(step)))
    return [1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 }
}

@Test(arguments: [(0.0, 1.0), (0, 38), (-3.7, 12.2), (1e-6, 5e-6), (0.001, 0.0013), (-1e6, 2.5e6),
                  (17, 17.5), (-1, -0.2), (0.3, 1e4), (2, 900)])
func niceTicksUseOneTwoFiveStepsAndCoverTheRange(lo: Double, hi: Double) {
    for maxIntervals in 2...8 {
        let ticks = TickLocator.linear(lo, hi, maxIntervals: maxIntervals)
        let major = ticks.major
        #expect(major.count >= 2, "\(lo)...\(hi): \(major)")
        let step = major[1] - major[0]
        if major.count - 1 > maxIntervals {
            // Allowed only when the next nice step would leave fewer than two ticks.
            let mantissa = (step / pow(10, floor(log10(step)))).rounded()
            let next = step * (mantissa == 2 ? 2.5 : 2)
            #expect(TickLocator.multiples(of: next, in: lo, hi).count < 2, "\(lo)...\(hi) by \(maxIntervals)")
        }
        #expect(isNice(step), "step \(step) for \(lo)...\(hi)")
        for (a, b) in zip(major, major.dropFirst()) { #expect(abs((b - a) - step) < 1e-9 * abs(step) * 10) }
        #expect(major.allSatisfy { $0 >= lo - 1e-12 && $0 <= hi + 1e-12 })
        // Covering: no more than one step of the range lies beyond the outermost ticks.
        #expect(major.first! - lo < step * (1 + 1e-9) && hi - major.last! < step * (1 + 1e-9))
        #expect(Set(ticks.labels).count == ticks.labels.count, "labels repeat: \(ticks.labels)")
    }
}

@Test func negativeTickLabelsUseTheMinusSign() {
    let ticks = TickLocator.linear(-2, 2, maxIntervals: 4)
    #expect(ticks.labels == ["\u{2212}2", "\u{2212}1", "0", "1", "2"])
    #expect(TickLocator.linear(-0.5, 0.5, maxIntervals: 2).labels == ["\u{2212}0.5", "0.0", "0.5"])
    #expect(TickLocator.linear(0, 3e6, maxIntervals: 3).labels == ["0", "1×10⁶", "2×10⁶", "3×10⁶"])
}

@Test func logTicksAreDecadesWithMinorTicksTwoToNine() {
    let ticks = TickLocator.log(1, 1000, maxIntervals: 8)
    #expect(ticks.major == [1, 10, 100, 1000])
    #expect(ticks.labels == ["10⁰", "10¹", "10²", "10³"])
    let expectedMinor = [1.0, 10, 100].flatMap { d in (2...9).map { Double($0) * d } }
    #expect(ticks.minor.count == expectedMinor.count)
    for (a, b) in zip(ticks.minor, expectedMinor) { #expect(abs(a - b) < 1e-9 * b) }
    // Data 2...900: the decades inside, minor ticks from 2 to 900.
    let inner = TickLocator.log(2, 900, maxIntervals: 8)
    #expect(inner.major == [10, 100])
    #expect(inner.minor.first == 2 && abs(inner.minor.last! - 900) < 1e-9)
    #expect(TickLocator.log(1e-3, 1e-1, maxIntervals: 8).labels == ["10⁻³", "10⁻²", "10⁻¹"])
}

@Test func logTicksSkipDecadesWhenThereAreMany() {
    let ticks = TickLocator.log(1e-12, 1e12, maxIntervals: 6)
    #expect(ticks.major.count - 1 <= 6)
    #expect(ticks.major.contains(1))
    #expect(ticks.minor.allSatisfy { abs(log10($0) - log10($0).rounded()) < 1e-9 }, "minor ticks are decades")
}

@Test func narrowLogRangesFallBackToReadableLinearTicks() {
    let ticks = TickLocator.log(2, 8, maxIntervals: 6)
    #expect(ticks.major.count >= 2)
    #expect(ticks.major.allSatisfy { $0 >= 2 && $0 <= 8 })
}

@Test func thinningKeepsEveryKthLabelSoNoneOverlap() {
    let spans = (0..<10).map { i -> ClosedRange<Double> in
        let centre = Double(i) * 10
        return (centre - 7)...(centre + 7)
    }
    let keep = LabelThinning.keep(spans, gap: 1, anchor: 0)
    #expect(keep == (0..<10).map { $0 % 2 == 0 })
    #expect(LabelThinning.keep(spans, gap: 20, anchor: 3) == (0..<10).map { $0 % 4 == 3 })
}

/// Every shown tick label of every sample figure sits clear of its neighbours.
@Test func sampleFiguresHaveNoOverlappingTickLabels() {
    let typesetter = Typesetter()
    var crowded = SampleFigures.all.map(\.figure)
    crowded.append(Figure.bars((1...30).map { "category \($0)" }, (1...30).map(Double.init)))
    for figure in crowded {
        let layout = FigureLayout(figure, typesetter: typesetter)
        for panel in layout.panels {
            for (axis, horizontal) in [(panel.x, true), (panel.y, false)] where axis.showsLabels && !axis.ticks.major.isEmpty {
                let spans = zip(axis.ticks.major, axis.ticks.labels).filter { !$0.1.isEmpty }.map { position, text in
                    let box = typesetter.measure(text, layout.metrics.tick)
                    let half = (horizontal && !axis.rotatesLabels ? box.width : box.height) / 2
                    return (axis.map(position) - half)...(axis.map(position) + half)
                }.sorted { $0.lowerBound < $1.lowerBound }
                #expect(!spans.isEmpty)
                for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.upperBound <= b.lowerBound) }
            }
        }
    }
}
