import Testing
@testable import ReportEngine
@Test func placeholder() { #expect(true) }
