import Foundation
import Landscape

/// Every solution of a census as CSV: one row per minimum with its slice and the real and
/// imaginary part of every field entry, so a reviewer can recompute each residual independently.
public enum SolutionsCSV {
    public static func text(_ minima: [Minimum], system: BPSSystem) -> String {
        var columns = ["minimum", "origin", "hits", "slice"]
        for field in BPSField.allCases {
            let (rows, cols) = field.shape(system.n)
            for r in 0..<rows {
                for c in 0..<cols {
                    let name = rows * cols == 1 ? "\(field)" : "\(field)[\(r + 1),\(c + 1)]"
                    columns += ["Re \(name)", "Im \(name)"]
                }
            }
        }
        var lines = [columns.map(quoted).joined(separator: ",")]
        for (i, m) in minima.enumerated() {
            let values = m.configuration.flatMap { [$0.re.description, $0.im.description] }
            lines.append(([String(i + 1), m.origin.rawValue, String(m.hits), quoted(m.slice.description)] + values).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
