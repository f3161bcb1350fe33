/// The square polynomial system of a gauge slice for PHCpack's blackbox solver (`phc -b`), and the
/// reading of its solutions back into minima. The superpotential's derivatives by the slice's free
/// unknowns only (each free entry's partner equation, the fixed entries substituted): n(N)
/// equations in n(N) unknowns. Pure text in, text out; running `phc` is the caller's business.
public struct HomotopySystem: Sendable {
    public let chart: SliceChart
    /// phc's name of free unknown k.
    public let variables: [String]
    /// The system in phc's input format: the count, then one polynomial per line ending in ';'.
    public let text: String

    public init(chart: SliceChart) { self.init(chart: chart, offset: nil, cut: nil) }

    /// The square system of the coupling curve C cut by `a . u = 1`, for PHCpack's independent count
    /// of W2: the same n(N) equations with the couplings at c* + lambda v, and the cut, in the n(N)
    /// unknowns and lambda (phc's last variable). Its solutions that satisfy the left-out
    /// equations too are C's points on the hyperplane.
    public init(curve: CouplingCurve, cut a: [Complex]) {
        precondition(a.count == curve.chart.unknownCount)
        self.init(chart: curve.chart, offset: curve.offset, cut: a)
    }

    private init(chart: SliceChart, offset: [Complex]?, cut: [Complex]?) {
        self.chart = chart
        let system = chart.system, lambda = chart.unknownCount, count = chart.unknownCount + (cut == nil ? 0 : 1)
        let variables = (0..<count).map { "x\($0 + 1)" }
        self.variables = variables
        var fixedValue = [Double?](repeating: nil, count: system.fieldCount)
        for (index, value) in chart.slice.fixedEntries(in: system) { fixedValue[index] = value.re }
        var polynomials: [[[Int]: Complex]] = chart.free.map { i in
            let row = system.partnerEquation(ofField: i)
            // Monomials keyed by their (sorted) free columns.
            var monomials: [[Int]: Complex] = [[]: Complex(system.constants[row], 0)]
            if let offset, offset[row] != .zero { monomials[[lambda]] = offset[row] }
            for t in system.termEquation.indices where Int(system.termEquation[t]) == row {
                var coefficient = system.termCoefficient[t], columns: [Int] = []
                for factor in [Int(system.termLeft[t]), Int(system.termRight[t])] {
                    if let v = fixedValue[factor] { coefficient *= v } else { columns.append(Int(chart.column[factor])) }
                }
                if coefficient != 0 { monomials[columns.sorted(), default: .zero] += Complex(coefficient, 0) }
            }
            return monomials
        }
        if let cut {
            var monomials: [[Int]: Complex] = [[]: Complex(-1, 0)]
            for (k, c) in cut.enumerated() { monomials[[k]] = c }
            polynomials.append(monomials)
        }
        var lines = ["\(count) \(count)"]
        for monomials in polynomials {
            let terms = monomials.filter { $0.value != .zero }.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { key, c in
                let factors = key.map { variables[$0] }
                if c.im != 0 {
                    let number = "(" + Self.number(c.re) + (c.im < 0 ? " - " : " + ") + Self.number(abs(c.im)) + "*i)"
                    return "+ " + number + (factors.isEmpty ? "" : "*" + factors.joined(separator: "*"))
                }
                let number = Self.number(abs(c.re))
                let body = factors.isEmpty ? number : (abs(c.re) == 1 ? factors.joined(separator: "*") : number + "*" + factors.joined(separator: "*"))
                return (c.re < 0 ? "- " : "+ ") + body
            }
            lines.append(" " + (terms.isEmpty ? "0" : terms.joined(separator: " ")) + ";")
        }
        text = lines.joined(separator: "\n") + "\n"
    }

    /// A double in a form phc reads (no lowercase exponent).
    static func number(_ x: Double) -> String { "\(x)".replacingOccurrences(of: "e", with: "E") }

    /// The solutions of the last solution list in phc's output, as free-unknown vectors.
    public func solutions(inOutput output: String) -> [[Complex]] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.lastIndex(where: { $0.hasPrefix("THE SOLUTIONS") }) else { return [] }
        let index = Dictionary(uniqueKeysWithValues: variables.enumerated().map { ($1, $0) })
        var solutions: [[Complex]] = [], current: [Complex?] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("the solution for t") {
                current = Array(repeating: nil, count: variables.count)
            } else if line.hasPrefix("==") && !current.isEmpty {
                if current.allSatisfy({ $0 != nil }) { solutions.append(current.map { $0! }) }
                current = []
            } else if !current.isEmpty {
                let parts = line.split(separator: " ")
                if parts.count == 4, parts[1] == ":", let k = index[String(parts[0])], let re = Double(parts[2]), let im = Double(parts[3]) {
                    current[k] = Complex(re, im)
                }
            }
        }
        return solutions
    }

    /// An integer reported on a line `label : value` of phc's output (e.g. "mixed volume").
    public static func reported(_ label: String, inOutput output: String) -> Int? {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix(label) }),
              let value = line.split(separator: ":").last else { return nil }
        return Int(String(value).trimmingCharacters(in: " ."))
    }

    /// The distinct minima among phc's solutions: those that also satisfy the equations the square
    /// system leaves out (every residual entry below `tolerance`), Newton-polished, deduplicated on
    /// fingerprints.
    public func minima(inOutput output: String, tolerance: Double = 1e-6) -> [Minimum] {
        var found = MinimumSet()
        for u in solutions(inOutput: output) {
            guard chart.system.residual(chart.configuration(u)).allSatisfy({ $0.magnitude < tolerance }),
                  let p = chart.polish(u) else { continue }
            found.insert(Minimum(configuration: chart.configuration(p), slice: chart.slice, system: chart.system, origin: .homotopy, hits: 0))
        }
        return found.minima
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }

    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
