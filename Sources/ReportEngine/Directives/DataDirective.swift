import BigInt
import Foundation
import SwiftCSV

/// `data`: reads a CSV file beside the template into a table, with per-column summaries. The file's
/// content hash is part of the cache key: editing it recomputes, touching it does not.
struct DataDirective: ComputeDirective {
    static let schema = DirectiveSchema(
        name: "data",
        summary: "Reads a CSV file (relative to the template, first row = column names) into a table with per-column summaries.",
        parameters: [
            ParameterSpec("file", .file, "the CSV file, relative to the template"),
        ],
        outputs: [
            OutputSpec("table", "table", "the file's rows; cells that read as numbers are numbers"),
            OutputSpec("rows", "integer", "number of data rows"),
            OutputSpec("columns", "record", "each column as a list: obs.columns.loss"),
            OutputSpec("sum", "record", "sum of each numeric column"),
            OutputSpec("mean", "record", "mean of each numeric column"),
            OutputSpec("min", "record", "minimum of each numeric column"),
            OutputSpec("max", "record", "maximum of each numeric column"),
        ])

    static func compute(_ arguments: Arguments, context: ComputeContext) throws -> Record {
        guard let file = arguments.files["file"] else { throw DirectiveFailure("no file") }
        guard let text = String(data: file.contents, encoding: .utf8) else {
            throw DirectiveFailure("'\(file.path)' is not UTF-8 text")
        }
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw DirectiveFailure("'\(file.path)' is not valid CSV: \(error)")
        }
        let header = csv.header.map { $0.trimming(" \t\r") }
        guard !header.isEmpty, header.allSatisfy({ !$0.isEmpty }) else {
            throw DirectiveFailure("'\(file.path)' needs a header row naming every column")
        }
        var rows: [[Value]] = []
        for (offset, row) in csv.rows.enumerated() {
            if row.allSatisfy({ $0.trimming(" \t\r").isEmpty }) { continue }
            guard row.count == header.count else {
                throw DirectiveFailure("'\(file.path)' line \(offset + 2) has \(row.count) fields, the header has \(header.count)")
            }
            rows.append(row.map { cell in
                let trimmed = cell.trimming(" \t\r")
                let value = Literal.resolvePlain(trimmed)
                return value.number != nil ? value : .text(trimmed)
            })
        }
        let table = Table(columns: header, rows: rows)
        var summaries: [String: [(String, Value)]] = ["sum": [], "mean": [], "min": [], "max": []]
        for name in header {
            let column = table.column(name) ?? []
            let numbers = column.compactMap(\.number)
            guard !numbers.isEmpty, numbers.count == column.count else { continue }
            let sum = numbers.reduce(0, +)
            let allIntegers = column.allSatisfy { if case .integer = $0 { return true } else { return false } }
            summaries["sum"]!.append((name, allIntegers
                ? .integer(column.reduce(BigInt(0)) { if case .integer(let n) = $1 { return $0 + n } else { return $0 } })
                : .real(sum)))
            summaries["mean"]!.append((name, .real(sum / Double(numbers.count))))
            summaries["min"]!.append((name, column[numbers.indices.min { numbers[$0] < numbers[$1] }!]))
            summaries["max"]!.append((name, column[numbers.indices.max { numbers[$0] < numbers[$1] }!]))
        }
        return Record([
            ("table", .table(table)),
            ("rows", .int(rows.count)),
            ("columns", .record(Record(header.map { ($0, .list(table.column($0) ?? [])) }))),
            ("sum", .record(Record(summaries["sum"]!))),
            ("mean", .record(Record(summaries["mean"]!))),
            ("min", .record(Record(summaries["min"]!))),
            ("max", .record(Record(summaries["max"]!))),
        ])
    }
}
