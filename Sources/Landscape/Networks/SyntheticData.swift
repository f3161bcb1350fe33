/// Datasets generated from a seed alone (no files); each draws its inputs, means and labels from
/// independent child streams of the seed.
extension Dataset {
    /// N points x ~ N(0, I_d) with labels uniform at random over `classes` (the Langevin setup's
    /// random data: nothing to learn, only to memorise).
    public static func randomLabels(count: Int, dimension: Int, classes: Int, seed: UInt64) -> Dataset {
        let root = SeededGenerator(seed: seed)
        var inputs = root.child(0), labels = root.child(1)
        return Dataset(inputs: (0..<(count * dimension)).map { _ in inputs.normal() }, dimension: dimension,
                       targets: .labels((0..<count).map { _ in Int(labels.next() % UInt64(classes)) }, classes: classes))
    }

    /// A mixture of `classes` unit-variance Gaussians: row i has label i mod C and
    /// x = separation · u_y + N(0, I_d), where u_0, …, u_{C−1} are orthonormal directions drawn at
    /// random (Gram–Schmidt on Gaussian vectors), so every two means lie separation · √2 apart.
    /// Requires C ≤ d.
    public static func gaussianMixture(count: Int, dimension: Int, classes: Int, separation: Double, seed: UInt64) -> Dataset {
        precondition(classes >= 1 && classes <= dimension, "the class means are orthonormal: classes ≤ dimension")
        let root = SeededGenerator(seed: seed)
        var directions = root.child(0), noise = root.child(1)
        var means: [[Double]] = []
        while means.count < classes {
            var u = (0..<dimension).map { _ in directions.normal() }
            for m in means {
                let projection = zip(u, m).reduce(0) { $0 + $1.0 * $1.1 }
                for k in 0..<dimension { u[k] -= projection * m[k] }
            }
            let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 1e-8 { means.append(u.map { $0 / norm }) }
        }
        let labels = (0..<count).map { $0 % classes }
        let inputs = labels.flatMap { y in means[y].map { separation * $0 + noise.normal() } }
        return Dataset(inputs: inputs, dimension: dimension, targets: .labels(labels, classes: classes))
    }

    /// Teacher–student data: x ~ N(0, I_d) with d = the teacher's input width, labelled by the
    /// teacher network with parameters `teacherParameters`: its outputs as real targets
    /// (`labels: false`, for MSE) or the index of its largest output (`labels: true`).
    public static func teacherStudent(teacher: MultilayerPerceptron, teacherParameters: [Double], count: Int,
                                      labels: Bool, seed: UInt64) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        let d = teacher.inputCount, c = teacher.outputCount
        let inputs = (0..<(count * d)).map { _ in generator.normal() }
        let outputs = teacher.outputs(teacherParameters, inputs: inputs)
        guard labels else { return Dataset(inputs: inputs, dimension: d, targets: .values(outputs, width: c)) }
        let y = (0..<count).map { i in (0..<c).max { outputs[i * c + $0] < outputs[i * c + $1] }! }
        return Dataset(inputs: inputs, dimension: d, targets: .labels(y, classes: c))
    }
}
