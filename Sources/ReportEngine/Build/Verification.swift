import Foundation

/// Compares a fresh build with a lock file, as a reviewer checks a paper: every value filled in,
/// every table cell, the values every check compared, and each figure's data digest.
public enum Verification {
    /// One thing that moved beyond the tolerance (or appeared, or vanished).
    public struct Drift: Sendable, CustomStringConvertible {
        public var at: String
        /// What moved: `'census.distinct'`, `Table 2 (tbl-index), row 3, column 'c'`, ...
        public var what: String
        public var locked: String
        public var rebuilt: String

        public var description: String {
            "\(at): error: \(what) moved: locked \(locked), rebuilt \(rebuilt)"
        }
    }

    /// Integers (exact counts) must be equal, reals agree within `tolerance` (relative), texts and
    /// figure digests are equal. Values, tables, checks and figures are matched by position.
    public static func compare(locked: LockFile, rebuilt: LockFile, tolerance: Double) -> [Drift] {
        var drifts: [Drift] = []
        for (old, new) in paired(locked.values, rebuilt.values) {
            guard let old, let new, old.expression == new.expression else {
                let reference = (old ?? new)!
                drifts.append(Drift(
                    at: reference.at, what: "'\(reference.expression)'",
                    locked: old.map { "'\($0.text)'" } ?? "(absent)", rebuilt: new.map { "'\($0.text)'" } ?? "(absent)"))
                continue
            }
            if !agree(old.value, new.value, tolerance: tolerance) {
                drifts.append(Drift(at: new.at, what: "'\(new.expression)'", locked: describe(old.value), rebuilt: describe(new.value)))
            } else if printedDiffer(old.text, new.text, old.value, new.value) {
                drifts.append(Drift(at: new.at, what: "the printed '\(new.expression)'", locked: "'\(old.text)'", rebuilt: "'\(new.text)'"))
            }
        }
        for (old, new) in paired(locked.tables, rebuilt.tables) {
            drifts += compare(old, new, tolerance: tolerance)
        }
        for (old, new) in paired(locked.checks, rebuilt.checks) {
            guard let old, let new, old.claim == new.claim, old.compared.count == new.compared.count else {
                let reference = (old ?? new)!
                drifts.append(Drift(
                    at: reference.at, what: "check '\(reference.claim)'",
                    locked: old.map { "'\($0.shown)'" } ?? "(absent)", rebuilt: new.map { "'\($0.shown)'" } ?? "(absent)"))
                continue
            }
            let moved = zip(old.compared, new.compared).contains { a, b in
                a.values.count != b.values.count || !zip(a.values, b.values).allSatisfy { agree($0, $1, tolerance: tolerance) }
            }
            if moved || old.holds != new.holds {
                func values(_ c: CheckOutcome) -> String { c.compared.map { "[" + $0.values.map(describe).joined(separator: ", ") + "]" }.joined(separator: " ") }
                drifts.append(Drift(at: new.at, what: "check '\(new.claim)'", locked: values(old), rebuilt: values(new)))
            }
        }
        for (old, new) in paired(locked.figures, rebuilt.figures) where old != new {
            let reference = (new ?? old)!
            drifts.append(Drift(
                at: reference.at, what: "the data of \(reference.figure)",
                locked: old.map { "\($0.figure) digest \($0.data.prefix(12))" } ?? "(absent)",
                rebuilt: new.map { "\($0.figure) digest \($0.data.prefix(12))" } ?? "(absent)"))
        }
        return drifts
    }

    /// A table's cells, compared cell by cell; the drift names the table, the row and the column.
    private static func compare(_ old: FilledTable?, _ new: FilledTable?, tolerance: Double) -> [Drift] {
        guard let old, let new, old.columns == new.columns, old.rows.count == new.rows.count else {
            let reference = (old ?? new)!
            func shape(_ t: FilledTable?) -> String { t.map { "\($0.rows.count) rows of \($0.columns.joined(separator: ", "))" } ?? "(absent)" }
            return [Drift(at: reference.at, what: reference.name, locked: shape(old), rebuilt: shape(new))]
        }
        var drifts: [Drift] = []
        for (row, (a, b)) in zip(old.rows, new.rows).enumerated() {
            for (column, (x, y)) in zip(old.columns, zip(a, b)) {
                let cell = "\(new.name), row \(row + 1), column '\(column)'"
                if !agree(x.value, y.value, tolerance: tolerance) {
                    drifts.append(Drift(at: new.at, what: cell, locked: describe(x.value), rebuilt: describe(y.value)))
                } else if printedDiffer(x.text, y.text, x.value, y.value) {
                    drifts.append(Drift(at: new.at, what: "the printed " + cell, locked: "'\(x.text)'", rebuilt: "'\(y.text)'"))
                }
            }
        }
        return drifts
    }

    /// Whether the same value was printed differently: the lock was edited, or the format changed.
    /// (Values that differ within the tolerance may print differently at a rounding boundary.)
    private static func printedDiffer(_ a: String, _ b: String, _ x: Value, _ y: Value) -> Bool {
        a != b && x == y
    }

    /// The items of two lists side by side, nil where one list is shorter.
    private static func paired<T>(_ a: [T], _ b: [T]) -> [(T?, T?)] {
        (0..<max(a.count, b.count)).map { ($0 < a.count ? a[$0] : nil, $0 < b.count ? b[$0] : nil) }
    }

    static func agree(_ a: Value, _ b: Value, tolerance: Double) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)):
            return x == y
        case (.list(let xs), .list(let ys)), (.replicated(let xs), .replicated(let ys)):
            return xs.count == ys.count && zip(xs, ys).allSatisfy { agree($0, $1, tolerance: tolerance) }
        default:
            if let x = a.number, let y = b.number {
                if x == y || (x.isNaN && y.isNaN) { return true }
                return (x - y).magnitude <= tolerance * max(x.magnitude, y.magnitude)
            }
            return a == b
        }
    }

    private static func describe(_ value: Value) -> String {
        if case .real(let x) = value { return x.description }
        return ValueFormat.plain(value)
    }
}
