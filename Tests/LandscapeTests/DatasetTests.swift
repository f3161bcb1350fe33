import Testing
@testable import Landscape

@Suite struct DatasetTests {
    /// MNIST-like: rows sorted by label, 50 per class.
    static let sorted = Dataset(inputs: (0..<500).map(Double.init), dimension: 1,
                                targets: .labels((0..<500).map { $0 / 50 }, classes: 10))

    @Test func stratifiedSplitKeepsClassProportions() {
        let (train, test) = Self.sorted.split(testFraction: 0.2, seed: 1)
        #expect(train.count == 400 && test.count == 100)
        for c in 0..<10 { #expect(test.labels!.filter { $0 == c }.count == 10) }
        // Every row lands in exactly one part, each part in the original order.
        #expect((train.inputs + test.inputs).sorted() == Self.sorted.inputs)
        #expect(train.inputs == train.inputs.sorted() && test.inputs == test.inputs.sorted())
        #expect(Self.sorted.split(testFraction: 0.2, seed: 1) == (train, test))
        #expect(Self.sorted.split(testFraction: 0.2, seed: 2).test != test)
    }

    /// Feature columns and labels make the row-major dataset; a sample of n rows is n distinct rows in
    /// their original order, all of them at n = N, and the same for the same seed.
    @Test func featureColumnsAndSamples() {
        let data = Dataset(featureColumns: [[1, 3, 5], [2, 4, 6]], labels: [0, 1, 1], classes: 2)
        #expect(data == Dataset(inputs: [1, 2, 3, 4, 5, 6], dimension: 2, targets: .labels([0, 1, 1], classes: 2)))
        #expect(Self.sorted.sample(500, seed: 4) == Self.sorted)
        let sample = Self.sorted.sample(40, seed: 4)
        #expect(sample.count == 40 && Set(sample.inputs).count == 40 && sample.inputs == sample.inputs.sorted())
        #expect(sample.labels! == sample.inputs.map { Int($0) / 50 })
        #expect(Self.sorted.sample(40, seed: 4) == sample && Self.sorted.sample(40, seed: 5) != sample)
    }

    @Test func generatorsAreDeterministic() {
        #expect(Dataset.randomLabels(count: 30, dimension: 4, classes: 3, seed: 1) == .randomLabels(count: 30, dimension: 4, classes: 3, seed: 1))
        #expect(Dataset.randomLabels(count: 30, dimension: 4, classes: 3, seed: 1) != .randomLabels(count: 30, dimension: 4, classes: 3, seed: 2))
        let mixture = Dataset.gaussianMixture(count: 300, dimension: 5, classes: 3, separation: 4, seed: 2)
        #expect(mixture == .gaussianMixture(count: 300, dimension: 5, classes: 3, separation: 4, seed: 2))
        #expect(mixture.labels!.prefix(4) == [0, 1, 2, 0])
    }

    @Test func mixtureMeansArePairwiseSeparated() {
        let separation = 5.0, n = 3000, d = 4
        let mixture = Dataset.gaussianMixture(count: n, dimension: d, classes: 3, separation: separation, seed: 3)
        let means = (0..<3).map { c in
            (0..<d).map { k in stride(from: c, to: n, by: 3).reduce(0) { $0 + mixture.inputs[$1 * d + k] } / Double(n / 3) }
        }
        for a in 0..<3 {
            #expect(abs(means[a].reduce(0) { $0 + $1 * $1 }.squareRoot() - separation) < 0.15)
            for b in 0..<a { #expect(abs(distance(means[a], means[b]) - separation * 2.0.squareRoot()) < 0.2) }
        }
    }

    @Test func teacherStudentTargetsAreTheTeachersOutputs() {
        let teacher = MultilayerPerceptron(inputs: 20, hidden: [4], outputs: 2, activation: .relu)
        let weights = teacher.initialParameters(seed: 1, scheme: .he)
        let values = Dataset.teacherStudent(teacher: teacher, teacherParameters: weights, count: 50, labels: false, seed: 2)
        let labelled = Dataset.teacherStudent(teacher: teacher, teacherParameters: weights, count: 50, labels: true, seed: 2)
        guard case .values(let t, 2) = values.targets else { Issue.record("real targets expected"); return }
        #expect(t == teacher.outputs(weights, inputs: values.inputs))
        #expect(labelled.inputs == values.inputs)
        #expect(labelled.labels! == (0..<50).map { t[2 * $0] >= t[2 * $0 + 1] ? 0 : 1 })
        // A student of the teacher's own shape at the teacher's parameters has zero loss.
        #expect(NetworkLoss(network: teacher, data: values, function: .meanSquaredError).value(at: weights) == 0)
    }
}
