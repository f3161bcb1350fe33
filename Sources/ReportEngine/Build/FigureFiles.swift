import Figures
import Foundation
import Landscape
import PaperHTML

/// Renders figures to every format, several at once on `jobs` threads; the bytes do not depend on
/// the order. A figure rendered before (same description, same sources of the figure library) is
/// taken from the cache. An image a program wrote is one file, in its own format.
enum FigureFiles {
    /// One figure's files, by extension, and the image the HTML paper embeds.
    struct Rendered {
        var files: [(format: String, bytes: Data)]
        var embedded: ImageAsset
    }

    /// Renders each drawn figure to `formats` (SVG among them: the HTML paper embeds it).
    static func render(
        _ figures: [FigureRequest], formats: [FigureFormat] = FigureFormat.allCases, jobs: Int, cache: ResultCache?
    ) -> [Result<Rendered, Error>] {
        deterministicMap(count: figures.count, threads: ThreadBudget(threads: jobs, heldByCaller: 1)) { index in
            Result {
                switch figures[index].artwork {
                case .image(let image):
                    return Rendered(files: [(image.format.rawValue, image.bytes)], embedded: ImageAsset(data: image.bytes, mimeType: image.format.mimeType))
                case .drawn(let figure):
                    let description = try CanonicalJSON.encoder().encode(figure)
                    let files = try FigureFormat.allCases.filter { formats.contains($0) || $0 == .svg }.map { format in
                        let key = CacheKeys.hex(Data("\(CacheKeys.toolVersion):\(SourceDigests.figures):\(format.rawValue):".utf8) + description)
                        if let bytes = cache?.loadArtifact(key) { return (format.rawValue, bytes) }
                        let bytes = Data(try figure.render(as: format))
                        try? cache?.storeArtifact(bytes, key: key)
                        return (format.rawValue, bytes)
                    }
                    return Rendered(files: files, embedded: ImageAsset(data: files.first { $0.0 == FigureFormat.svg.rawValue }!.1, mimeType: "image/svg+xml"))
                }
            }
        }
    }
}
