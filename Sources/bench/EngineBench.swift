import Foundation
import PaperHTML
import ReportEngine

/// Times a cached rebuild of a template, in process, the way `report build` runs it a second time:
/// parse, plan (hashing keys and data files), cache lookups, render. Reports the median of `runs`.
enum EngineBench {
    static func run(template path: String, runs: Int) throws {
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchError("cannot read \(path)")
        }
        let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("report-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: cacheDirectory) }
        let cache = DirectoryCache(directory: cacheDirectory)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        let load: (String) throws -> Data = { try Data(contentsOf: URL(fileURLWithPath: $0, relativeTo: base)) }
        var request = BuildRequest(source: source, templatePath: path)
        request.page = PaperAssets(
            template: try String(contentsOfFile: "templates/paper.mustache", encoding: .utf8),
            stylesheet: try String(contentsOfFile: "templates/paper.css", encoding: .utf8),
            math: try? MathAssets.load())

        let fill = measure { ReportBuild.run(request, loadFile: load, cache: cache) }
        guard fill.product.succeeded else {
            throw BenchError(fill.product.diagnostics.map(\.description).joined(separator: "\n"))
        }
        var times: [Double] = []
        for _ in 0..<runs {
            let rebuild = measure { ReportBuild.run(request, loadFile: load, cache: cache) }
            precondition(rebuild.product.log.computed.isEmpty, "a cached rebuild recomputed \(rebuild.product.log.computed)")
            times.append(rebuild.seconds)
        }
        times.sort()
        print(String(format: "engine: %@: first build %.3f s; cached rebuild median %.4f s, min %.4f s, max %.4f s (%d runs)",
                     path, fill.seconds, times[times.count / 2], times[0], times[times.count - 1], runs))
    }

    private static func measure(_ body: () -> BuildProduct) -> (product: BuildProduct, seconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let product = body()
        return (product, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
