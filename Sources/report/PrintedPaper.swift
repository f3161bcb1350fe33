import ChildProcess
import Foundation
import ReportEngine

/// The PDF paper: the self-contained HTML paper printed by headless Chromium with its print
/// stylesheet (page size, margins, page numbers, floats kept whole), math typeset by the page's
/// own KaTeX, links kept, and no network (the page's Content-Security-Policy and the browser's
/// dead proxy both forbid it).
enum PrintedPaper {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func pdf(of html: Data) throws -> Data {
        let chromium: HeadlessChromium
        do {
            chromium = try HeadlessChromium()
        } catch {
            throw Failure(description: "the PDF paper is printed by headless Chromium, which is not installed (apt-get install -y chromium)")
        }
        return try ScratchDirectory.with("pdf") { directory in
            let page = directory.appendingPathComponent("paper.html"), printed = directory.appendingPathComponent("paper.pdf")
            try html.write(to: page)
            try chromium.printToPDF(page, to: printed)
            guard let pdf = FileManager.default.contents(atPath: printed.path), pdf.starts(with: Array("%PDF-".utf8)) else {
                throw Failure(description: "Chromium printed no PDF")
            }
            return pinnedDates(pdf, epoch: sourceDateEpoch())
        }
    }

    /// Chromium stamps `/CreationDate` and `/ModDate` with the time of printing: the only bytes of
    /// two prints of one page that differ. Both become `epoch` (UTC), in the same number of bytes,
    /// so the cross-reference table's offsets stay right.
    static func pinnedDates(_ pdf: Data, epoch: Int) -> Data {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        let stamp = Array(formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch))).utf8)
        var bytes = [UInt8](pdf)
        for key in ["/CreationDate (D:", "/ModDate (D:"] {
            let marker = Array(key.utf8)
            var i = 0
            while let found = firstIndex(of: marker, in: bytes, from: i) {
                let digits = found + marker.count
                guard digits + stamp.count <= bytes.count,
                      bytes[digits..<(digits + stamp.count)].allSatisfy({ (0x30...0x39).contains($0) }) else { i = digits; continue }
                bytes.replaceSubrange(digits..<(digits + stamp.count), with: stamp)
                // A zone offset `+hh'mm'` (or `-hh'mm'`) after the time becomes UTC's.
                let zone = digits + stamp.count
                if zone + 7 <= bytes.count, [UInt8(ascii: "+"), UInt8(ascii: "-")].contains(bytes[zone]) {
                    bytes.replaceSubrange(zone..<(zone + 7), with: Array("+00'00'".utf8))
                }
                i = zone
            }
        }
        return Data(bytes)
    }

    /// `SOURCE_DATE_EPOCH` (the reproducible-builds convention) when set, else 0 (1970-01-01).
    static func sourceDateEpoch() -> Int {
        BuildRequest.sourceDate(ProcessInfo.processInfo.environment).map { Int($0.timeIntervalSince1970) } ?? 0
    }

    private static func firstIndex(of marker: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard marker.count <= bytes.count else { return nil }
        var i = start
        while i + marker.count <= bytes.count {
            if bytes[i] == marker[0], bytes[i..<(i + marker.count)].elementsEqual(marker) { return i }
            i += 1
        }
        return nil
    }
}
