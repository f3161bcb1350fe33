import BigInt
import Foundation

/// `data`: reads a CSV file beside the template into a table, with per-column summaries. The file's
/// content hash is part of the cache key: editing it recomputes, touching it does not.
struct DataDirective: ComputeDirective {
    static let name = "data"
    static let summary = "Reads a CSV file (relative to the template, first row = column names unless header=false; .gz decompressed) into a table with per-column summaries."
    static let version = 2

    struct Parameters: ParameterSet {
        let file = Parameter<FileInput>(file: "file", "the CSV file, relative to the template (gzip-compressed if it ends in .gz)")
        let header = Parameter<Bool>("header", default: true, "whether the first row names the columns; if not, they are c0, c1, …")
    }

    struct Results: ResultSet {
        let table = Output<Table>("table", "the file's rows; cells that read as numbers are numbers")
        let rows = Output<Int>("rows", "number of data rows")
        let columns = Output<Record>("columns", "each column (a vector when numeric): obs.columns.loss")
        let sum = Output<Record>("sum", "sum of each numeric column")
        let mean = Output<Record>("mean", "mean of each numeric column")
        let min = Output<Record>("min", "minimum of each numeric column")
        let max = Output<Record>("max", "maximum of each numeric column")
    }

    static func compute(_ arguments: Arguments<Parameters>, context: ComputeContext) throws -> ResultRecord<Results> {
        let file = arguments.file
        let table = try Table(csv: file.contents, name: file.path, header: arguments.header)
        var sum: [(String, Value)] = [], mean: [(String, Value)] = [], min: [(String, Value)] = [], max: [(String, Value)] = []
        for (name, column) in zip(table.columns, table.data) {
            let numbers: [Double]
            switch column {
            case .reals(let xs): numbers = xs
            case .integers(let ns): numbers = ns.map(Double.init)
            case .values: continue
            }
            guard !numbers.isEmpty else { continue }
            if case .integers(let ns) = column {
                sum.append((name, .integer(ns.reduce(BigInt(0)) { $0 + BigInt($1) })))
            } else {
                sum.append((name, .real(numbers.reduce(0, +))))
            }
            mean.append((name, .real(numbers.reduce(0, +) / Double(numbers.count))))
            min.append((name, column[numbers.indices.min { numbers[$0] < numbers[$1] }!]))
            max.append((name, column[numbers.indices.max { numbers[$0] < numbers[$1] }!]))
        }
        var results = ResultRecord<Results>()
        results.table = table
        results.rows = table.rowCount
        results.columns = Record(zip(table.columns, table.data.map(\.value)).map { ($0, $1) })
        results.sum = Record(sum)
        results.mean = Record(mean)
        results.min = Record(min)
        results.max = Record(max)
        return results
    }
}
