import Landscape

/// `discovery-model`: simulated censuses of a landscape whose n minima have equal basins, against
/// the exact coupon-collector laws — the baseline that the measured discovery curves are read
/// against (n Hₙ is the runs-needed lower bound).
struct DiscoveryModelDirective: ComputeDirective {
    static let name = "discovery-model"
    static let summary = "Monte Carlo censuses with n equally likely minima against the exact laws: expected minima seen after R runs, and the distribution of runs to see all (mean n Hₙ)."
    static let seeded = true

    struct Parameters: ParameterSet {
        let minima = Parameter<Int>("minima", in: 1...100_000, default: 12, "number of minima n")
        let censuses = Parameter<Int>("censuses", in: 2...1_000_000, default: 400, "simulated censuses")
        let runs = Parameter<Int>("runs", in: 1...10_000_000, default: 200, "runs per simulated census")
    }

    struct Results: ResultSet {
        let exactMean = Output<Double>("exact_mean", "n Hₙ, the exact mean of the runs needed to see all minima")
        let simulatedMean = Output<Double>("simulated_mean", "mean runs needed over the simulated censuses that saw all")
        let standardError = Output<Double>("standard_error", "standard error of simulated_mean")
        let z = Output<Double>("z", "(simulated − exact) / standard error")
        let completed = Output<Int>("completed", "simulated censuses that saw every minimum within `runs`")
        let exactCompleted = Output<Double>("exact_completed", "P(all seen within `runs`) × censuses, from the exact law")
        let minima = Output<Int>("minima", "number of minima n")
        let censuses = Output<Int>("censuses", "simulated censuses")
        let seenMean = Output<[Double]>("seen_mean", "mean minima seen after each run, over the simulated censuses")
        let seenSD = Output<[Double]>("seen_sd", "standard deviation of the minima seen after each run")
        let oneCensus = Output<[Int]>("one_census", "minima seen after each run in the first simulated census")
        let completions = Output<[Double]>("completions", "runs each completed census needed to see every minimum")
        let completionLaw = Output<[Double]>("completion_law", "exact probability that the last minimum is first seen at run R, R = 1, 2, ...")
        let figure = FigureOutput<Results>(
            "figure",
            "(a) minima seen against runs, simulated band and error bars against the exact curve; (b) runs to see all, simulated histogram against the exact law"
        ) { DiscoveryFigures.model($0) }
    }

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        let n = arguments.minima, censuses = arguments.censuses, runs = arguments.runs
        let model = DiscoveryModel(minima: n)
        let root = SeededGenerator(seed: context.seed)
        let simulations = (0..<censuses).map { index -> (completion: Int?, seen: [Int]) in
            var generator = root.child(index)
            return model.simulate(using: &generator, maximumRuns: runs)
        }
        let completions = simulations.compactMap(\.completion).map(Double.init)
        let cdf = model.completionCDF(runs: runs)
        let exactMean = RunsNeeded.equalBasins(n)
        let summary = SampleSummary(completions)
        let standardError = (summary?.standardDeviation ?? .nan) / Double(max(1, completions.count)).squareRoot()
        let seen = (0..<runs).map { i in SampleSummary(simulations.map { Double($0.seen[i]) })! }
        var results = ResultRecord<Results>()
        results.exactMean = exactMean
        results.simulatedMean = summary?.mean ?? .nan
        results.standardError = standardError
        results.z = ((summary?.mean ?? .nan) - exactMean) / standardError
        results.completed = completions.count
        results.exactCompleted = cdf[runs] * Double(censuses)
        results.minima = n
        results.censuses = censuses
        results.seenMean = seen.map(\.mean)
        results.seenSD = seen.map(\.standardDeviation)
        results.oneCensus = simulations[0].seen
        results.completions = completions
        results.completionLaw = (1...runs).map { cdf[$0] - cdf[$0 - 1] }
        return results
    }
}
