import Foundation
import Testing
@testable import ReportEngine

/// `report verify`'s comparison: every printed number (prose, table cells, the values checks
/// compared) and each figure's data, each drift named by where it is in the paper.
@Suite struct VerifyTests {
    private let paper = """
        ---
        seed: 1
        ---
        ```{bps-index #index max-charge=3}
        ```
        ```{table #tbl-counts}
        show: index.table
        ```
        ```{figure #fig-c}
        show: index.figure
        ```
        ```{check}
        index.minima[2] == 56 and index.methods_agree
        index.minima[3] > 200
        ```
        """

    private func lock() throws -> LockFile { try #require(build(paper).lock) }

    @Test func anUnchangedRebuildAgrees() throws {
        let locked = try lock()
        #expect(Verification.compare(locked: locked, rebuilt: try lock(), tolerance: 1e-9).isEmpty)
        #expect(locked.tables.count == 1 && locked.figures.count == 1 && locked.checks.count == 2)
        #expect(locked.checks.map(\.shown) == ["56 = 56; true", "208 > 200"])
        // The paper shows each claim with its values, relations as a reader writes them.
        let markdown = build(paper).markdown
        #expect(markdown.contains("- `index.minima[2] == 56 and index.methods_agree`: 56 = 56; true\n- `index.minima[3] > 200`: 208 \\> 200"))
    }

    @Test func aTableCellThatMovedIsNamedByTableRowAndColumn() throws {
        var locked = try lock()
        let column = try #require(locked.tables[0].columns.firstIndex(of: "c(Δ)"))
        locked.tables[0].rows[1][column].value = .int(-57)
        let drifts = Verification.compare(locked: locked, rebuilt: try lock(), tolerance: 1e-9)
        #expect(drifts.map(\.description) == ["reports/test.md:6:4: error: Table 1 (tbl-counts), row 2, column 'c(Δ)' moved: locked -57, rebuilt -56"])
    }

    /// A printed cell edited in the lock, its value left alone, is a drift too.
    @Test func aPrintedCellThatDiffersIsNamed() throws {
        var locked = try lock()
        let column = try #require(locked.tables[0].columns.firstIndex(of: "c(Δ)"))
        #expect(locked.tables[0].rows[0][column].text == "-12")
        locked.tables[0].rows[0][column].text = "-13"
        let drifts = Verification.compare(locked: locked, rebuilt: try lock(), tolerance: 1e-9)
        #expect(drifts.map(\.description) == ["reports/test.md:6:4: error: the printed Table 1 (tbl-counts), row 1, column 'c(Δ)' moved: locked '-13', rebuilt '-12'"])
    }

    @Test func aFigureWhoseDataMovedIsNamed() throws {
        var locked = try lock()
        locked.figures[0].data = String(repeating: "0", count: 64)
        let drifts = Verification.compare(locked: locked, rebuilt: try lock(), tolerance: 1e-9)
        #expect(drifts.count == 1)
        #expect(drifts.first?.description.hasPrefix("reports/test.md:9:4: error: the data of Figure 1 (fig-c) moved: locked Figure 1 (fig-c) digest 000000000000") == true, "\(drifts)")
    }

    @Test func aCheckedValueThatMovedIsNamed() throws {
        var locked = try lock()
        locked.checks[1].compared[0].values[0] = .int(207)
        let drifts = Verification.compare(locked: locked, rebuilt: try lock(), tolerance: 1e-9)
        #expect(drifts.map(\.description) == ["reports/test.md:14:1: error: check 'index.minima[3] > 200' moved: locked [207, 200], rebuilt [208, 200]"])
    }

    /// The figure digest follows the values drawn, to 6 significant digits, not their last bits.
    @Test func figureDataDigestsRoundNumbers() {
        #expect(FigureData.rounded(#"{"x":[0.30000000000000004,1e-300,-0.0],"label":"N = 1.234567891"}"#)
                == #"{"x":[0.3,1e-300,0],"label":"N = 1.234567891"}"#)
        #expect(FigureData.rounded(#"{"y":[1.0000001,true,null]}"#) == #"{"y":[1,true,null]}"#)
        #expect(FigureData.rounded(#"{"y":[1.00001]}"#) != FigureData.rounded(#"{"y":[1.00002]}"#))
    }
}
