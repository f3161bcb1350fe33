import Foundation
import SwiftCSV

extension Table {
    /// The rows of a CSV file (a header row naming every column, then rows) as a table; cells that
    /// read as numbers are numbers. Without `header`, every row is data and the columns are named
    /// c0, c1, …. `name` names the file in messages.
    init(csv contents: Data, name: String, header hasHeader: Bool = true) throws {
        guard let text = String(data: contents, encoding: .utf8) else {
            throw DirectiveFailure("'\(name)' is not UTF-8 text")
        }
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw DirectiveFailure("'\(name)' is not valid CSV: \(error)")
        }
        let header = hasHeader ? csv.header.map { $0.trimming(" \t\r") } : csv.header.indices.map { "c\($0)" }
        guard !header.isEmpty, header.allSatisfy({ !$0.isEmpty }) else {
            throw DirectiveFailure("'\(name)' needs a header row naming every column")
        }
        let firstLine = hasHeader ? 2 : 1
        var rows: [[Value]] = []
        for (offset, row) in ((hasHeader ? [] : [csv.header]) + csv.rows).enumerated() {
            if row.allSatisfy({ $0.trimming(" \t\r").isEmpty }) { continue }
            guard row.count == header.count else {
                let expected = hasHeader ? "the header has" : "the first row has"
                throw DirectiveFailure("'\(name)' line \(offset + firstLine) has \(row.count) fields, \(expected) \(header.count)")
            }
            rows.append(row.map { cell in
                let trimmed = cell.trimming(" \t\r")
                let value = Literal.resolvePlain(trimmed)
                return value.number != nil ? value : .text(trimmed)
            })
        }
        self.init(columns: header, rows: rows)
    }
}
