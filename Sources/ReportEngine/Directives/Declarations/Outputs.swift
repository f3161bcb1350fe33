import Figures

/// One declared result of type `T`, declared once as a property of a directive's `ResultSet` and
/// written and read typed through that declaration.
public struct Output<T: ValueConvertible>: Sendable {
    public let name: String
    public let doc: String

    public init(_ name: String, _ doc: String) {
        self.name = name
        self.doc = doc
    }
}

/// A figure drawn from a directive's stored results when the paper is rendered. Its drawing code
/// is presentation: restyling it recomputes nothing, and the figure is never cached as a result.
public struct FigureOutput<S: ResultSet>: Sendable {
    public let name: String
    public let doc: String
    let draw: @Sendable (StoredResults<S>) throws -> Figure

    public init(_ name: String, _ doc: String, draw: @escaping @Sendable (StoredResults<S>) throws -> Figure) {
        self.name = name
        self.doc = doc
        self.draw = draw
    }
}

/// A directive's results: a struct whose stored properties are `Output` and `FigureOutput`
/// declarations, in the order `report directives` lists them.
public protocol ResultSet: Sendable {
    init()
    /// True for directives whose results are known only after running (any field may exist).
    static var isOpen: Bool { get }
}

extension ResultSet {
    public static var isOpen: Bool { false }
}

/// Type-erased views of the declarations, for walking a `ResultSet`.
private protocol AnyOutput {
    var spec: OutputSpec { get }
}

extension Output: AnyOutput {
    var spec: OutputSpec { OutputSpec(name: name, type: T.valueType, doc: doc, isPresentation: false) }
}

private protocol AnyFigureOutput: AnyOutput {
    func drawAny(_ record: Record) throws -> Figure
}

extension FigureOutput: AnyFigureOutput {
    var spec: OutputSpec { OutputSpec(name: name, type: .figure, doc: doc, isPresentation: true) }
    func drawAny(_ record: Record) throws -> Figure { try draw(StoredResults(checking: record)) }
}

extension ResultSet {
    private static var declarations: [any AnyOutput] {
        Mirror(reflecting: Self()).children.compactMap { $0.value as? any AnyOutput }
    }

    /// The declared results in declaration order.
    static var specs: [OutputSpec] { declarations.map(\.spec) }

    /// The figure output `name` drawn from the stored `record`, or nil if there is no such figure.
    static func figure(_ name: String, from record: Record) throws -> Figure? {
        guard let output = declarations.first(where: { $0.spec.name == name }) as? any AnyFigureOutput else { return nil }
        return try output.drawAny(record)
    }

    /// Checks `record` against the declarations: every stored result present with its declared
    /// type, nothing undeclared (unless the set is open).
    static func check(_ record: Record) throws {
        let stored = specs.filter { !$0.isPresentation }
        for spec in stored {
            guard let value = record[spec.name] else { throw DirectiveFailure("result '\(spec.name)' was not produced") }
            guard spec.type.admits(value) else {
                throw DirectiveFailure("result '\(spec.name)' is \(withArticle(value.typeName)), declared \(spec.type)")
            }
        }
        if !isOpen, let extra = record.names.first(where: { name in !stored.contains { $0.name == name } }) {
            throw DirectiveFailure("result '\(extra)' is not declared")
        }
    }
}

/// The results a directive is producing, written typed through its declarations
/// (`results.distinct = 12`); `record()` checks that every declared result was written.
@dynamicMemberLookup
public struct ResultRecord<S: ResultSet>: Sendable {
    private var fields: [String: Value] = [:]
    /// Fields of an open result set, in the order written.
    private var extra: [(String, Value)] = []

    public init() {}

    public subscript<T>(dynamicMember declaration: KeyPath<S, Output<T>>) -> T? {
        get { fields[S()[keyPath: declaration].name].flatMap(T.init(value:)) }
        set { fields[S()[keyPath: declaration].name] = newValue?.value }
    }

    /// Sets a result of an open set by name.
    public mutating func set(_ name: String, _ value: Value) {
        precondition(S.isOpen, "only open result sets take undeclared results")
        extra.append((name, value))
    }

    /// The results in declaration order, checked against the declarations.
    func record() throws -> Record {
        let declared = S.specs.filter { !$0.isPresentation }.compactMap { spec in fields[spec.name].map { (spec.name, $0) } }
        let record = Record(declared + extra)
        try S.check(record)
        return record
    }
}

/// A directive's stored results, read typed through its declarations (by its figure outputs).
@dynamicMemberLookup
public struct StoredResults<S: ResultSet>: Sendable {
    public let record: Record

    /// Fails unless `record` holds every declared result with its declared type.
    init(checking record: Record) throws {
        try S.check(record)
        self.record = record
    }

    public subscript<T>(dynamicMember declaration: KeyPath<S, Output<T>>) -> T {
        // Checked against the declarations when made.
        T(value: record[S()[keyPath: declaration].name]!)!
    }
}
