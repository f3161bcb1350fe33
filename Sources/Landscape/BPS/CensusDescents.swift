extension MinimaCensus {
    /// The plain descents of a contiguous range of runs: what each run measured and the polished
    /// minimum it reached, if any. Stored apart and restored, it gives the same census.
    public struct Descents: Sendable {
        /// A polished minimum reached by run `run`, given by its slice and every field value.
        public struct Found: Sendable {
            public let run: Int
            public let slice: GaugeSlice
            public let configuration: [Complex]

            public init(run: Int, slice: GaugeSlice, configuration: [Complex]) {
                self.run = run; self.slice = slice; self.configuration = configuration
            }

            init(run: Int, minimum: Minimum) { self.init(run: run, slice: minimum.slice, configuration: minimum.configuration) }
        }

        public let runs: Range<Int>
        /// Steps of each run, in run order.
        public let steps: [Int]
        /// Whether each run reached the accept threshold.
        public let converged: [Bool]
        /// The minima reached, in run order.
        public let minima: [Found]
        /// Loss traces of the runs numbered below `tracedRuns`.
        public let traces: [[Double]]

        public init(runs: Range<Int>, steps: [Int], converged: [Bool], minima: [Found], traces: [[Double]]) {
            precondition(steps.count == runs.count && converged.count == runs.count, "one step count and outcome per run")
            self.runs = runs; self.steps = steps; self.converged = converged; self.minima = minima; self.traces = traces
        }
    }

    /// The plain descents so far, in run order, deduplicated: the first half of a census.
    struct DescentTally {
        let system: BPSSystem
        var found = MinimumSet()
        var steps: [Int] = [], discovery: [Int] = [], traces: [[Double]] = []
        var accepted = 0

        init(system: BPSSystem) { self.system = system }

        /// Adds the descents of the runs that follow those already added.
        mutating func add(_ batch: Descents) {
            precondition(batch.runs.lowerBound == steps.count, "descents must be added in run order")
            var minima = batch.minima[...]
            for (k, run) in batch.runs.enumerated() {
                steps.append(batch.steps[k])
                if batch.converged[k] { accepted += 1 }
                if let m = minima.first, m.run == run {
                    minima.removeFirst()
                    let minimum = Minimum(configuration: m.configuration, slice: m.slice, system: system, origin: .descent, hits: 0)
                    found.hit(found.insert(minimum).index)
                }
                discovery.append(found.count)
            }
            traces += batch.traces
        }
    }
}
