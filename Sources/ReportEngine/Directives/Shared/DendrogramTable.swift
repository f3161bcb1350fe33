import Landscape

extension Table {
    /// A dendrogram's merges: left, right, height, size (SciPy's linkage convention).
    init(merges tree: Landscape.Dendrogram) {
        self.init(
            columns: ["left", "right", "height", "size"],
            rows: tree.merges.map { [.int($0.left), .int($0.right), .real($0.height), .int($0.size)] })
    }
}
