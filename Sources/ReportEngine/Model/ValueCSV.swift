import Foundation
import SwiftCSV

extension Table {
    /// The rows of a CSV file (a header row naming every column, then rows) as a table; cells that
    /// read as numbers are numbers. Without `header`, every row is data and the columns are named
    /// c0, c1, …. `name` names the file in messages.
    ///
    /// A file without double quotes is split directly on its bytes (the fast path for large
    /// numeric files); one with quoted fields goes through SwiftCSV.
    init(csv contents: Data, name: String, header hasHeader: Bool = true) throws {
        guard let text = String(data: contents, encoding: .utf8) else {
            throw DirectiveFailure("'\(name)' is not UTF-8 text")
        }
        let records: [[Substring]]
        if contents.contains(UInt8(ascii: "\"")) {
            let csv: EnumeratedCSV
            do {
                csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
            } catch {
                throw DirectiveFailure("'\(name)' is not valid CSV: \(error)")
            }
            records = ([csv.header] + csv.rows).map { $0.map { Substring($0) } }
        } else {
            records = Self.unquotedRecords(text)
        }
        let first = records.first.map { $0.map(Self.trimmed) } ?? []
        let header = hasHeader ? first : first.indices.map { "c\($0)" }
        guard !header.isEmpty, header.allSatisfy({ !$0.isEmpty }) else {
            throw DirectiveFailure("'\(name)' needs a header row naming every column")
        }
        var columns = header.map { _ -> [Value] in
            var column: [Value] = []
            column.reserveCapacity(records.count)
            return column
        }
        for (offset, row) in records.enumerated().dropFirst(hasHeader ? 1 : 0) {
            let cells = row.map(Self.trimmed)
            if cells.allSatisfy(\.isEmpty) { continue }
            guard cells.count == header.count else {
                let expected = hasHeader ? "the header has" : "the first row has"
                throw DirectiveFailure("'\(name)' line \(offset + 1) has \(cells.count) fields, \(expected) \(header.count)")
            }
            for (j, cell) in cells.enumerated() { columns[j].append(Self.value(cell)) }
        }
        self.init(columns: header, data: columns.map(TableColumn.init))
    }

    /// Lines split at \n (a trailing \r is trimmed with the cells), fields at commas.
    private static func unquotedRecords(_ text: String) -> [[Substring]] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { line in
            line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { Substring($0) }
        }
    }

    private static func trimmed(_ cell: Substring) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = cell.firstIndex(where: { !blank($0) }), let end = cell.lastIndex(where: { !blank($0) }) else { return "" }
        return String(cell[start...end])
    }

    /// A number when the cell reads as one (integers first; `nan`, `inf`, `-inf` as NumPy and
    /// pandas write them), otherwise its text.
    private static func value(_ cell: String) -> Value {
        if let n = Int(cell) { return .int(n) }
        switch cell {
        case "nan", "NaN": return .real(.nan)
        case "inf", "Infinity": return .real(.infinity)
        case "-inf", "-Infinity": return .real(-.infinity)
        default: break
        }
        let value = Literal.resolvePlain(cell)
        return value.number != nil ? value : .text(cell)
    }

    /// The table as CSV text that `init(csv:name:)` reads back to the same values: a header row,
    /// integers exact, reals round-tripping (`nan`, `inf` and `-inf` for non-finite ones), fields
    /// holding a comma, a quote or a line break quoted, other values as their plain text.
    var csvText: String {
        func field(_ value: Value) -> String {
            let text: String
            switch value {
            case .real(let x): text = x.isNaN ? "nan" : x.isInfinite ? (x > 0 ? "inf" : "-inf") : x.description
            default: text = ValueFormat.plain(value)
            }
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        let lines = [columns.map { field(.text($0)) }] + rows.map { $0.map(field) }
        return lines.map { $0.joined(separator: ",") + "\n" }.joined()
    }
}
