import Foundation
import Testing
@testable import ReportEngine

/// The census's CSV is checked the way a reviewer would: parse it, rebuild every field, and
/// evaluate the 18 F-term equations of the science note with code written here, independently of
/// the compute core.
@Suite struct SolutionsCSVTests {
    private struct C { var re, im: Double }

    private typealias M = [[C]]

    private static func mul(_ a: M, _ b: M) -> M {
        a.map { row in (0..<b[0].count).map { j in
            row.indices.reduce(C(re: 0, im: 0)) { s, k in
                C(re: s.re + row[k].re * b[k][j].re - row[k].im * b[k][j].im,
                  im: s.im + row[k].re * b[k][j].im + row[k].im * b[k][j].re)
            }
        } }
    }
    private static func add(_ a: M, _ b: M, _ sign: Double = 1) -> M {
        zip(a, b).map { zip($0, $1).map { C(re: $0.re + sign * $1.re, im: $0.im + sign * $1.im) } }
    }
    private static func scalar(_ c: Double, _ n: Int) -> M {
        (0..<n).map { i in (0..<n).map { j in C(re: i == j ? c : 0, im: 0) } }
    }
    private static func largest(_ m: M) -> Double { m.flatMap { $0 }.map { ($0.re * $0.re + $0.im * $0.im).squareRoot() }.max()! }

    /// The largest |entry| over the 18 equations of science/bps.md, from a CSV row.
    private static func residual(_ field: [String: M], n: Int) -> Double {
        func f(_ name: String) -> M { field[name]! }
        let (c12, c13, c14, c23, c24, c34) = (2.0 / 3, 3.0 / 5, 5.0 / 7, 7.0 / 11, 11.0 / 13, 13.0 / 17)
        func comm(_ a: M, _ b: M) -> M { add(mul(a, b), mul(b, a), -1) }
        let Z = { (k: Int, l: Int) in f("z\(k)\(l)") }
        let p1 = f("phi1"), p2 = f("phi2"), p3 = f("phi3")
        let p12 = f("phi12"), p23 = f("phi23"), p31 = f("phi31")
        let equations: [M] = [
            add(mul(Z(1, 2), Z(2, 1)), scalar(c12, 1)),
            add(mul(Z(2, 3), Z(3, 2)), scalar(c23, 1)),
            add(mul(Z(3, 1), Z(1, 3)), scalar(c13, 1)),
            add(add(mul(Z(4, 1), Z(1, 4)), scalar(c14, n)), comm(p2, p3)),
            add(add(mul(Z(4, 2), Z(2, 4)), scalar(c24, n)), comm(p3, p1)),
            add(add(mul(Z(4, 3), Z(3, 4)), scalar(c34, n)), comm(p2, p1), -1),
            add(add(mul(Z(2, 1), p12), mul(Z(2, 3), Z(3, 1))), mul(Z(2, 4), Z(4, 1))),
            add(add(mul(Z(1, 2), p12), mul(Z(1, 3), Z(3, 2))), mul(Z(1, 4), Z(4, 2))),
            add(add(mul(Z(3, 1), p31), mul(Z(3, 2), Z(2, 1))), mul(Z(3, 4), Z(4, 1)), -1),
            add(add(mul(Z(1, 3), p31), mul(Z(1, 2), Z(2, 3))), mul(Z(1, 4), Z(4, 3))),
            add(add(mul(Z(3, 2), p23), mul(Z(3, 1), Z(1, 2))), mul(Z(3, 4), Z(4, 2))),
            add(add(mul(Z(2, 3), p23), mul(Z(2, 1), Z(1, 3))), mul(Z(2, 4), Z(4, 3))),
            add(add(mul(Z(1, 2), Z(2, 4)), mul(Z(1, 3), Z(3, 4)), -1), mul(Z(1, 4), p1), -1),
            add(add(mul(Z(4, 2), Z(2, 1)), mul(Z(4, 3), Z(3, 1))), mul(p1, Z(4, 1)), -1),
            add(add(mul(Z(2, 1), Z(1, 4)), mul(Z(2, 3), Z(3, 4))), mul(Z(2, 4), p2), -1),
            add(add(mul(Z(4, 3), Z(3, 2)), mul(Z(4, 1), Z(1, 2))), mul(p2, Z(4, 2)), -1),
            add(add(mul(Z(3, 1), Z(1, 4)), mul(Z(3, 2), Z(2, 4))), mul(Z(3, 4), p3), -1),
            add(add(mul(Z(4, 2), Z(2, 3)), mul(Z(4, 1), Z(1, 3)), -1), mul(p3, Z(4, 3)), -1),
        ]
        return equations.map(largest).max()!
    }

    /// Reads the CSV header `Re name[r,c]` / `Im name[r,c]` into matrices by field name.
    private static func fields(header: [String], row: [String], n: Int) -> [String: M] {
        var result: [String: M] = [:]
        for (index, column) in header.enumerated() where column.hasPrefix("Re ") {
            let name = String(column.dropFirst(3))
            let base = name.split(separator: "[").first.map(String.init) ?? name
            var r = 0, c = 0
            if let open = name.firstIndex(of: "[") {
                let parts = name[name.index(after: open)..<name.index(before: name.endIndex)].split(separator: ",")
                r = Int(parts[0])! - 1
                c = Int(parts[1])! - 1
            }
            let (rows, cols): (Int, Int) = {
                switch base {
                case "z14", "z24", "z34": return (1, n)
                case "z41", "z42", "z43": return (n, 1)
                case "phi1", "phi2", "phi3": return (n, n)
                default: return (1, 1)
                }
            }()
            if result[base] == nil { result[base] = Array(repeating: Array(repeating: C(re: 0, im: 0), count: cols), count: rows) }
            result[base]![r][c] = C(re: Double(row[index])!, im: Double(row[index + 1])!)
        }
        return result
    }

    @Test(arguments: [1, 2]) func everySolutionSatisfiesTheEquations(n: Int) throws {
        let product = build("""
            ```{bps-index #index}
            ```
            ```{bps-minima #census}
            n: \(n)
            runs: \(n == 1 ? 40 : 120)
            expected: index.minima[\(n)]
            ```
            {{ census.distinct }}
            """)
        #expect(product.errors.isEmpty)
        let csv = try #require(product.outputs.first { $0.path == "build/test.census.solutions.csv" })
        let lines = String(decoding: csv.contents, as: UTF8.self).split(separator: "\n").map(String.init)
        // Slice descriptions hold commas and are quoted; field values come after them.
        func split(_ line: String) -> [String] {
            var cells: [String] = [], cell = "", quoted = false
            for ch in line {
                if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { cells.append(cell); cell = "" } else { cell.append(ch) }
            }
            return cells + [cell]
        }
        let header = split(lines[0])
        #expect(header.count == 4 + 2 * (3 * n * n + 6 * n + 9))
        let rows = lines.dropFirst().map(split)
        #expect(rows.count == [1: 12, 2: 56][n])
        var worst = 0.0
        for row in rows { worst = max(worst, Self.residual(Self.fields(header: header, row: row, n: n), n: n)) }
        #expect(worst < 1e-10)
    }
}
