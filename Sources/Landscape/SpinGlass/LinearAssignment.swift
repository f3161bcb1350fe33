/// The linear assignment problem on a square n×n matrix: the permutation σ minimising the total
/// cost Σᵢ c[i][σ(i)] (or maximising the total similarity Σᵢ s[i][σ(i)]).
///
/// Solved by the Hungarian method with dual potentials in its shortest-augmenting-path form
/// (Kuhn–Munkres as streamlined by Jonker and Volgenant): rows are added one at a time, each by a
/// Dijkstra-like search on reduced costs c[i][j] − u[i] − v[j] ≥ 0, so the whole solve is O(n³).
/// Entries may be negative and tied; they must be finite.
public enum LinearAssignment {
    /// σ with σ[i] the column assigned to row i, minimising Σᵢ cost[i][σ(i)].
    public static func minimumCost(_ cost: [[Double]]) -> [Int] {
        let n = cost.count
        precondition(cost.allSatisfy { $0.count == n }, "the assignment problem needs a square matrix")
        precondition(cost.allSatisfy { $0.allSatisfy(\.isFinite) }, "assignment costs must be finite")
        guard n > 0 else { return [] }
        // 1-based rows and columns; column 0 is the virtual start of each augmenting path.
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: n + 1)
        var rowOfColumn = [Int](repeating: 0, count: n + 1)  // 0: column free
        var previous = [Int](repeating: 0, count: n + 1)
        for row in 1...n {
            rowOfColumn[0] = row
            var column = 0
            var slack = [Double](repeating: .infinity, count: n + 1)
            var reached = [Bool](repeating: false, count: n + 1)
            repeat {
                reached[column] = true
                let i = rowOfColumn[column]
                var delta = Double.infinity, next = 0
                for j in 1...n where !reached[j] {
                    let reduced = cost[i - 1][j - 1] - u[i] - v[j]
                    if reduced < slack[j] { slack[j] = reduced; previous[j] = column }
                    if slack[j] < delta { delta = slack[j]; next = j }
                }
                for j in 0...n {
                    if reached[j] { u[rowOfColumn[j]] += delta; v[j] -= delta } else { slack[j] -= delta }
                }
                column = next
            } while rowOfColumn[column] != 0
            // Augment: shift the assignments back along the path to the virtual column.
            repeat {
                let before = previous[column]
                rowOfColumn[column] = rowOfColumn[before]
                column = before
            } while column != 0
        }
        var assignment = [Int](repeating: 0, count: n)
        for j in 1...n { assignment[rowOfColumn[j] - 1] = j - 1 }
        return assignment
    }

    /// σ maximising Σᵢ similarity[i][σ(i)].
    public static func maximumSimilarity(_ similarity: [[Double]]) -> [Int] {
        minimumCost(similarity.map { $0.map { -$0 } })
    }

    /// Σᵢ matrix[i][σ(i)].
    public static func total(_ matrix: [[Double]], _ assignment: [Int]) -> Double {
        assignment.enumerated().reduce(0) { $0 + matrix[$1.offset][$1.element] }
    }
}
