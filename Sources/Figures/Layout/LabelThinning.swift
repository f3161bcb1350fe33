/// Drops tick labels until the remaining ones do not overlap.
enum LabelThinning {
    /// A mask keeping every k-th label counted from `anchor`, for the smallest k that leaves at
    /// least `gap` between the kept labels' spans (intervals along the axis, in axis order).
    static func keep(_ spans: [ClosedRange<Double>], gap: Double, anchor: Int = 0) -> [Bool] {
        guard spans.count > 1 else { return spans.map { _ in true } }
        for k in 1...spans.count {
            let mask = spans.indices.map { i in ((i - anchor) % k + k) % k == 0 }
            let kept = zip(spans, mask).filter(\.1).map(\.0).sorted { $0.lowerBound < $1.lowerBound }
            if zip(kept, kept.dropFirst()).allSatisfy({ $1.lowerBound - $0.upperBound >= gap }) {
                return mask
            }
        }
        return spans.indices.map { $0 == anchor }
    }
}
