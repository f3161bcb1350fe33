import Figures
import Foundation
import Landscape

/// Renders figures to every format, several at once on `jobs` threads; the bytes do not depend on
/// the order. A figure rendered before (same description, same sources of the figure library) is
/// taken from the cache.
enum FigureFiles {
    static func render(_ figures: [FigureRequest], jobs: Int, cache: ResultCache?) -> [Result<[FigureFormat: [UInt8]], Error>] {
        deterministicMap(count: figures.count, threads: ThreadBudget(threads: jobs, heldByCaller: 1)) { index in
            Result {
                let description = try CanonicalJSON.encoder().encode(figures[index].figure)
                return try Dictionary(uniqueKeysWithValues: FigureFormat.allCases.map { format in
                    let key = CacheKeys.hex(Data("\(CacheKeys.toolVersion):\(SourceDigests.figures):\(format.rawValue):".utf8) + description)
                    if let bytes = cache?.loadArtifact(key) { return (format, [UInt8](bytes)) }
                    let bytes = try figures[index].figure.render(as: format)
                    try? cache?.storeArtifact(Data(bytes), key: key)
                    return (format, bytes)
                })
            }
        }
    }
}
