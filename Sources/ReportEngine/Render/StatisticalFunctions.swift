import Foundation
import Landscape

/// The expression functions of replicated values and samples: summaries (`mean`, `sd`, `se`,
/// `median`, `quantile`, `values`) and the statistical tests a `check` states claims with.
/// A sample is a replicated number, a list of numbers or a vector.
enum StatisticalFunction: String, CaseIterable {
    case mean, sd, se, median, quantile, values
    case ttestP = "ttest_p", pairedTtestP = "paired_ttest_p", wilcoxonP = "wilcoxon_p", mannwhitneyP = "mannwhitney_p"
    case spearmanRho = "spearman_rho", spearmanP = "spearman_p", percentile, zscore

    /// Arity, for the expression parser.
    var arity: ClosedRange<Int> {
        switch self {
        case .mean, .sd, .se, .median, .values: return 1...1
        default: return 2...2
        }
    }

    /// What each function computes, as `report functions`-style documentation and error messages say.
    var summary: String {
        switch self {
        case .mean: return "mean(x): the mean of a replicated value or a list (per point for replicated series)"
        case .sd: return "sd(x): the sample standard deviation (n − 1)"
        case .se: return "se(x): the standard error of the mean, sd/√n"
        case .median: return "median(x): the median"
        case .quantile: return "quantile(x, q): the q-quantile, linear between order statistics (NumPy's default)"
        case .values: return "values(x): the list of a replicated value's values, replicate 1 first"
        case .ttestP: return "ttest_p(x, y): two-sided p of Welch's unpaired t test"
        case .pairedTtestP: return "paired_ttest_p(x, y): two-sided p of the paired t test (replicate r with replicate r)"
        case .wilcoxonP: return "wilcoxon_p(x, y): two-sided p of Wilcoxon's signed-rank test of the paired differences"
        case .mannwhitneyP: return "mannwhitney_p(x, y): two-sided p of the Mann–Whitney U test"
        case .spearmanRho: return "spearman_rho(x, y): Spearman's rank correlation"
        case .spearmanP: return "spearman_p(x, y): two-sided p of Spearman's correlation (t approximation)"
        case .percentile: return "percentile(v, sample): the percentile (0–100) of v within the sample, ties counted half"
        case .zscore: return "zscore(v, sample): (v − mean)/sd of the sample"
        }
    }

    /// The hypothesis test a two-sample function runs, or nil for the others.
    func test(_ x: [Double], _ y: [Double]) throws -> TestOutcome? {
        func need(_ ok: Bool, _ message: String) throws { if !ok { throw StatisticalFunctionError(message: message) } }
        switch self {
        case .ttestP:
            try need(x.count >= 2 && y.count >= 2, "Welch's t test needs two or more values in each sample")
            return HypothesisTests.welch(x, y)
        case .pairedTtestP:
            try need(x.count == y.count && x.count >= 2, "a paired t test needs two equally long samples (\(x.count) and \(y.count) values)")
            return HypothesisTests.pairedT(x, y)
        case .wilcoxonP:
            try need(x.count == y.count, "a signed-rank test pairs two equally long samples (\(x.count) and \(y.count) values)")
            try need(zip(x, y).contains { $0 != $1 }, "a signed-rank test needs a nonzero difference")
            return HypothesisTests.wilcoxonSignedRank(x, y)
        case .mannwhitneyP:
            try need(!x.isEmpty && !y.isEmpty, "a Mann–Whitney test needs two nonempty samples")
            return HypothesisTests.mannWhitneyU(x, y)
        case .spearmanRho, .spearmanP:
            try need(x.count == y.count && x.count >= 3, "Spearman's correlation needs two equally long samples of three or more")
            return HypothesisTests.spearman(x, y)
        default:
            return nil
        }
    }

    /// A line saying which test ran and what it found, as a check prints it.
    func describe(_ outcome: TestOutcome, _ x: String, _ y: String) -> String {
        let stat: String
        switch self {
        case .ttestP: stat = "Welch's t test of \(x) against \(y): t = \(short(outcome.statistic)), df = \(short(outcome.degreesOfFreedom ?? 0))"
        case .pairedTtestP: stat = "paired t test of \(x) against \(y): t = \(short(outcome.statistic)), df = \(short(outcome.degreesOfFreedom ?? 0))"
        case .wilcoxonP: stat = "Wilcoxon signed-rank test of \(x) against \(y) (\(outcome.method.rawValue)): W = \(short(outcome.statistic))"
        case .mannwhitneyP: stat = "Mann–Whitney U test of \(x) against \(y) (\(outcome.method.rawValue)): U = \(short(outcome.statistic))"
        default: stat = "Spearman's correlation of \(x) and \(y): ρ = \(short(outcome.statistic))"
        }
        return stat + ", p = \(short(outcome.p))"
    }

    private func short(_ x: Double) -> String { ValueFormat.significant(x, digits: 3, trimZeros: false) }
}

struct StatisticalFunctionError: Error { var message: String }

extension Evaluator {
    /// The value of a statistical function, or nil if `name` is not one.
    func statistic(_ name: String, _ arguments: [Value], at location: SourceLocation) throws -> Value? {
        guard let function = StatisticalFunction(rawValue: name) else { return nil }
        do {
            return try apply(function, arguments, at: location)
        } catch let error as StatisticalFunctionError {
            throw Diagnostic.error(at: location, "\(name)(): \(error.message)")
        }
    }

    private func apply(_ function: StatisticalFunction, _ arguments: [Value], at location: SourceLocation) throws -> Value {
        func sample(_ value: Value) throws -> [Double] {
            guard let xs = value.sample else {
                throw StatisticalFunctionError(message: "needs a replicated number or a list of numbers, got a \(value.typeName)")
            }
            guard !xs.isEmpty else { throw StatisticalFunctionError(message: "the sample is empty") }
            guard xs.allSatisfy(\.isFinite) else { throw StatisticalFunctionError(message: "the sample holds a value that is not finite") }
            return xs
        }
        func number(_ value: Value) throws -> Double {
            guard let x = value.number else {
                throw StatisticalFunctionError(message: "needs one number first, got a \(value.typeName)\(value.replicates != nil ? " (use mean(x) for a replicated one)" : "")")
            }
            return x
        }
        if case .replicated(let items) = arguments[0], [.mean, .sd, .se, .median].contains(function), let series = pointwise(items) {
            return .vector(try series.map { try finite(summary(function, $0)) })
        }
        switch function {
        case .mean, .sd, .se, .median: return .real(try finite(summary(function, try sample(arguments[0]))))
        case .quantile:
            let q = try number(arguments[1])
            guard (0...1).contains(q) else { throw StatisticalFunctionError(message: "the level q must lie in [0, 1], not \(ValueFormat.plain(arguments[1]))") }
            return .real(Sample.quantile(try sample(arguments[0]), q))
        case .values:
            guard let items = arguments[0].replicates ?? arguments[0].elements else {
                throw StatisticalFunctionError(message: "needs a replicated value or a list, got a \(arguments[0].typeName)")
            }
            return .list(items)
        case .percentile: return .real(Sample.percentile(of: try number(arguments[0]), in: try sample(arguments[1])))
        case .zscore:
            let xs = try sample(arguments[1])
            guard xs.count >= 2, Sample.standardDeviation(xs) > 0 else {
                throw StatisticalFunctionError(message: "the sample needs two or more distinct values")
            }
            return .real(try finite(Sample.zScore(of: try number(arguments[0]), in: xs)))
        default:
            let outcome = try function.test(try sample(arguments[0]), try sample(arguments[1]))!
            return .real(try finite(function == .spearmanRho ? outcome.statistic : outcome.p))
        }
    }

    /// The per-point samples of replicated series (equally long vectors), or nil.
    private func pointwise(_ items: [Value]) -> [[Double]]? {
        let series = items.compactMap { item -> [Double]? in if case .vector(let xs) = item { return xs } else { return nil } }
        guard series.count == items.count, let length = series.first?.count, series.allSatisfy({ $0.count == length }) else { return nil }
        return (0..<length).map { i in series.map { $0[i] } }
    }

    private func summary(_ function: StatisticalFunction, _ xs: [Double]) throws -> Double {
        switch function {
        case .mean: return Sample.mean(xs)
        case .median: return Sample.median(xs)
        default:
            guard xs.count >= 2 else { throw StatisticalFunctionError(message: "a spread needs two or more values, not \(xs.count)") }
            return function == .sd ? Sample.standardDeviation(xs) : Sample.standardError(xs)
        }
    }

    private func finite(_ x: Double) throws -> Double {
        guard x.isFinite else { throw StatisticalFunctionError(message: "the result is not a finite number") }
        return x
    }

    /// For each statistical test `expression` calls, a line naming the test, its statistic and
    /// its p-value (what a check prints beside its claim); tests that cannot be evaluated are skipped
    /// (the claim's own evaluation reports why).
    func testReports(in expression: Expression) -> [String] {
        switch expression {
        case .integer, .real, .text, .boolean, .path: return []
        case .negate(let e, _), .not(let e, _): return testReports(in: e)
        case .binary(_, let l, let r, _): return testReports(in: l) + testReports(in: r)
        case .call(let name, let arguments, _):
            let inner = arguments.flatMap(testReports)
            guard let function = StatisticalFunction(rawValue: name), arguments.count == 2,
                  let x = try? evaluate(arguments[0]).sample, let y = try? evaluate(arguments[1]).sample,
                  let outcome = try? function.test(x, y) else { return inner }
            return inner + [function.describe(outcome, arguments[0].canonical, arguments[1].canonical)]
        }
    }
}

/// What the reference (`report directives --format md`) lists about replicates: the option, the
/// functions of replicated values and samples, and the uncertainty formats.
public enum ReplicateReference {
    public static let option = (name: ReplicateOption.name, type: "integer in \(ReplicateOption.range)", doc: ReplicateOption.doc)
    public static var functions: [String] { StatisticalFunction.allCases.map(\.summary) }
    public static let formats = [
        "pm: mean ± standard error, the error to two significant digits and the mean to the same place (U+00B1)",
        "pm:N: mean ± standard error with N decimals",
        "pm-sd, pm-sd:N: mean ± sample standard deviation",
        "ci:L: the L % t confidence interval of the mean, [low, high] (ci:95)",
    ]
}

extension Evaluator {
    /// The operand pairs of an operation on replicated values, replicate r with replicate r (a
    /// side that is not replicated pairs with every replicate); nil when neither side is replicated.
    func pairedReplicates(_ l: Value, _ r: Value, _ op: String, at location: SourceLocation) throws -> [(Value, Value)]? {
        let left = l.replicates, right = r.replicates
        guard left != nil || right != nil else { return nil }
        if let left, let right, left.count != right.count {
            throw Diagnostic.error(at: location, "'\(op)' pairs replicates (replicate r with replicate r), but one side has \(left.count) and the other \(right.count)")
        }
        return (0..<(left?.count ?? right?.count ?? 0)).map { i in (left?[i] ?? l, right?[i] ?? r) }
    }
}
