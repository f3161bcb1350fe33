import Testing
@testable import Figures
@Test func placeholder() { #expect(true) }
