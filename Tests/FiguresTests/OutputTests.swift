import Foundation
import FoundationXML
import Testing
@testable import Figures

@Test func svgOutputIsWellFormedXML() throws {
    for (name, figure) in SampleFigures.all {
        let parser = XMLParser(data: Data(try figure.render(as: .svg)))
        #expect(parser.parse(), "\(name): \(String(describing: parser.parserError))")
    }
}

@Test func outputsStartWithTheirFormatSignatures() throws {
    let figure = SampleFigures.powerLaw
    #expect(try figure.render(as: .png).starts(with: [0x89, 0x50, 0x4E, 0x47]))
    #expect(try figure.render(as: .pdf).starts(with: Array("%PDF-".utf8)))
    #expect(String(decoding: try figure.render(as: .svg), as: UTF8.self).contains("<svg"))
}

@Test(arguments: FigureFormat.allCases)
func sameFigureGivesSameBytesEvenAfterAnotherFigure(format: FigureFormat) throws {
    let a = SampleFigures.heatmap
    let first = try a.render(as: format)
    _ = try SampleFigures.discovery.render(as: format)
    let again = try a.render(as: format)
    #expect(first == again)
    #expect(try SampleFigures.discovery.render(as: format) != first)
}

@Test func pdfCarriesThePinnedDateOnly() throws {
    let pdf = String(decoding: try SampleFigures.bars.render(as: .pdf), as: UTF8.self)
    #expect(pdf.contains("/CreationDate (20000101000000Z)"))
    #expect(pdf.contains("/ModDate (20000101000000Z)"))
}

/// Resident set size in bytes, from /proc/self/statm.
private func residentBytes() throws -> Int {
    let fields = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
    return Int(fields[1])! * 4096
}

/// A leak grows the resident set in every window of renderings; other tests running in the same
/// process grow it now and then. So the smallest growth over four windows must stay small (a leaked
/// PNG surface alone would add megabytes per window).
@Test func renderingInALoopDoesNotGrowMemory() throws {
    let figures = [SampleFigures.heatmap, SampleFigures.powerLaw]
    func renderAll(_ rounds: Int) throws {
        for i in 0..<rounds {
            for format in FigureFormat.allCases { _ = try figures[i % 2].render(as: format) }
        }
    }
    try renderAll(6)
    var growths: [Int] = []
    for _ in 0..<4 {
        let before = try residentBytes()
        try renderAll(20)
        growths.append(try residentBytes() - before)
    }
    #expect(growths.min()! < 8 << 20, "resident memory grew in every window of 60 renderings: \(growths.map { $0 >> 10 }) KiB")
}

@Test func figuresSurviveACodableRoundTrip() throws {
    for (name, figure) in SampleFigures.all {
        let data = try JSONEncoder().encode(figure)
        #expect(try JSONDecoder().decode(Figure.self, from: data) == figure, "\(name)")
    }
}

@Test func concurrentRenderingsGiveTheSameBytes() async throws {
    let figure = SampleFigures.clustered
    let expected = try figure.render(as: .svg)
    let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
        for i in 0..<6 {
            group.addTask { try (i % 2 == 0 ? figure : SampleFigures.sweep).render(as: .svg) }
        }
        return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.filter { $0 == expected }.count == 3)
}

@Test func layersEncodeAsOneKeyNamingTheirKind() throws {
    let json = String(decoding: try JSONEncoder().encode(Layer.scatter(x: [1], y: [2])), as: UTF8.self)
    #expect(json.hasPrefix("{\"series\":{"))
    // A leaf merged with itself is no tree: decoding throws rather than crashing later.
    let good = Data(#"{"merges": [{"left": 0, "right": 1, "height": 1}]}"#.utf8)
    #expect(try JSONDecoder().decode(Dendrogram.self, from: good).leafOrder == [0, 1])
    let bad = Data(#"{"merges": [{"left": 0, "right": 0, "height": 1}]}"#.utf8)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(Dendrogram.self, from: bad) }
}
