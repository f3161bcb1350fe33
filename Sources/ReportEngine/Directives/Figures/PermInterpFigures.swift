import Figures

/// The figures of `perm-interp`, drawn from its stored results.
enum PermInterpFigures {
    typealias Stored = StoredResults<PermInterpDirective.Results>

    /// Barrier against the number of units moved: the mean with bars from the 10th to the 90th
    /// percentile (within the samples, so a barrier that is never negative is never drawn so), and
    /// the range.
    static func barriers(_ s: Stored) -> Figure {
        let k = s.moved.map(Double.init)
        return Figure(Panel(
            x: Axis("Hidden units moved k"), y: Axis("Loss barrier B"),
            layers: [
                .errorBars(ErrorBars(x: k, y: s.barrierMean, below: zip(s.barrierMean, s.barrierLow).map { $0 - $1 },
                                     above: zip(s.barrierHigh, s.barrierMean).map { $0 - $1 }, label: "mean, 10th–90th percentile")),
                .line(x: k, y: s.barrierMax, label: "largest", color: Palette.color(1), dash: .dashed),
                .line(x: k, y: s.barrierMin, label: "smallest", color: Palette.color(2), dash: .dotted),
            ]), width: 4.5, height: 2.8)
    }

    /// Barrier of each single swap against the distance |w_i − w_j| of the swapped units.
    static func swaps(_ s: Stored) -> Figure {
        Figure(Panel(x: Axis("Distance of the swapped units |wᵢ − wⱼ|"), y: Axis("Loss barrier B"),
                     layers: [.scatter(x: s.swapDistance, y: s.swapBarrier)]), width: 4.5, height: 2.8)
    }

    /// Training loss along the straight paths: to the most permuted copy, and between the first
    /// pair of replicas as trained and aligned (those without data are left out).
    static func profiles(_ s: Stored) throws -> Figure {
        let table = s.profiles
        guard let a = table.column("a").flatMap({ [Double](value: $0.value) }) else { throw DirectiveFailure("profiles need a column a") }
        let layers = table.columns.dropFirst().enumerated().compactMap { n, name -> Layer? in
            guard let y = table.column(name).flatMap({ [Double](value: $0.value) }), y.allSatisfy(\.isFinite) else { return nil }
            return .line(x: a, y: y, label: name, color: Palette.color(n))
        }
        return Figure(Panel(x: Axis("Position a along the straight path"), y: Axis("Training loss"), layers: layers),
                      width: 4.5, height: 2.8)
    }
}
