/// Everything the argument binder made of a directive's written parameters: checked values, the
/// files they name, the result paths they read, captions, formats and rows of expressions.
/// Directives never read it by name: they read typed `Arguments` through their declarations.
public struct BoundArguments: Sendable {
    /// Checked plain values, defaults filled in; for a computation, reference parameters are
    /// filled with the values they name just before it runs.
    public var values: [String: Value] = [:]
    /// The files each file parameter names (one for a `file`, any number for `files`).
    public var files: [String: [FileInput]] = [:]
    /// Parameters that read other directives' results.
    public var paths: [String: ResultPath] = [:]
    var captions: [String: Prose] = [:]
    var formats: [String: FormatSpec] = [:]
    var rows: [[Claim]] = []

    /// The key under which entry `name` of the mapping parameter `parameter` is held in `paths`
    /// and, once read, in `values`.
    static func entry(_ name: String, of parameter: String) -> String { parameter + "." + name }
}

/// One declared parameter of type `T`: its name, type, default, range and help, declared once as
/// a property of a directive's `ParameterSet`, and read back typed through that declaration.
public struct Parameter<T>: Sendable {
    public let spec: ParameterSpec
    /// What the value must be, for messages: the parameter type, or for a reference the type of
    /// the result it must name.
    let expectation: String
    let read: @Sendable (BoundArguments) -> T?

    init(_ spec: ParameterSpec, expecting expectation: String? = nil, read: @escaping @Sendable (BoundArguments) -> T?) {
        self.spec = spec
        self.expectation = expectation ?? spec.type.description
        self.read = read
    }

    /// A plain parameter read from the checked values by a conversion.
    fileprivate init(_ spec: ParameterSpec, expecting expectation: String? = nil, convert: @escaping @Sendable (Value) -> T?) {
        let name = spec.name
        self.init(spec, expecting: expectation) { bound in bound.values[name].flatMap(convert) }
    }
}

extension Parameter where T == Int {
    public init(_ name: String, in range: ClosedRange<Int>, default value: Int? = nil, _ doc: String) {
        self.init(ParameterSpec(name, .integer(range), default: value.map(Value.int), doc), convert: Int.init(value:))
    }
}

extension Parameter where T == Double {
    public init(_ name: String, in range: ClosedRange<Double> = -Double.infinity...Double.infinity, default value: Double? = nil, _ doc: String) {
        self.init(ParameterSpec(name, .real(range), default: value.map(Value.real), doc), convert: Double.init(value:))
    }
}

extension Parameter where T == Double? {
    /// A number that may be left out (nil).
    public init(optional name: String, in range: ClosedRange<Double>, _ doc: String) {
        self.init(ParameterSpec(name, .real(range), optional: true, doc)) { bound in .some(bound.values[name].flatMap(Double.init(value:))) }
    }
}

extension Parameter where T == Bool {
    public init(_ name: String, default value: Bool, _ doc: String) {
        self.init(ParameterSpec(name, .boolean, default: .boolean(value), doc), convert: Bool.init(value:))
    }
}

extension Parameter where T == String {
    public init(_ name: String, default value: String? = nil, _ doc: String) {
        self.init(ParameterSpec(name, .text, default: value.map(Value.text), doc), convert: String.init(value:))
    }
}

extension Parameter where T == [Int] {
    /// One integer or a list of them.
    public init(_ name: String, in range: ClosedRange<Int>, default value: [Int]? = nil, _ doc: String) {
        self.init(ParameterSpec(name, .integers(range), default: value.map(Value.ints), doc), convert: [Int].init(value:))
    }
}

extension Parameter where T == [Double] {
    /// One number or a list of them.
    public init(_ name: String, in range: ClosedRange<Double>, default value: [Double]? = nil, _ doc: String) {
        self.init(ParameterSpec(name, .reals(range), default: value.map { .list($0.map(Value.real)) }, doc),
                  convert: [Double].init(value:))
    }
}

extension Parameter where T == [String] {
    /// One name or a list of names.
    public init(names name: String, _ doc: String) {
        self.init(ParameterSpec(name, .names, default: .list([]), doc), convert: [String].init(value:))
    }

    /// One word or a list of words that must be given, such as a command line.
    public init(words name: String, _ doc: String) {
        self.init(ParameterSpec(name, .names, doc), convert: [String].init(value:))
    }
}

extension Parameter where T == Record {
    /// A mapping of names to plain values (numbers, strings, booleans, lists, mappings); a value
    /// written `$name` is the template parameter `name`.
    public init(mapping name: String, _ doc: String) {
        self.init(ParameterSpec(name, .mapping, default: .record(Record()), doc), convert: Record.init(value:))
    }
}

extension Parameter where T == Record {
    /// A mapping of names to results of other directives (`{rates: sim.rates}`), read as a record
    /// of their values in the order written; every directive it names runs first.
    public init(reads name: String, _ doc: String) {
        self.init(ParameterSpec(name, .references, default: .record(Record()), doc)) { bound in
            guard let written = bound.values[name].flatMap(Record.init(value:)) else { return nil }
            var values: [(String, Value)] = []
            for entry in written.names {
                guard let value = bound.values[BoundArguments.entry(entry, of: name)] else { return nil }
                values.append((entry, value))
            }
            return Record(values)
        }
    }
}

extension Parameter where T: CaseIterable & RawRepresentable & Sendable, T.RawValue == String {
    /// One of the cases of `T`, written by its raw value.
    public init(_ name: String, default value: T, _ doc: String) {
        self.init(ParameterSpec(name, .choice(T.allCases.map(\.rawValue)), default: .text(value.rawValue), doc)) { value in
            String(value: value).flatMap(T.init(rawValue:))
        }
    }
}

extension Parameter where T == FileInput {
    /// A data file relative to the template; its content hash is part of the cache key.
    public init(file name: String, _ doc: String) {
        self.init(ParameterSpec(name, .file, doc)) { bound in bound.files[name]?.first }
    }
}

extension Parameter where T == FileInput? {
    /// A file relative to the template that may be left out.
    public init(optionalFile name: String, _ doc: String) {
        self.init(ParameterSpec(name, .file, optional: true, doc)) { bound in .some(bound.files[name]?.first) }
    }
}

extension Parameter where T == [FileInput] {
    /// One file or a list of files relative to the template; every content hash is part of the cache key.
    public init(files name: String, _ doc: String) {
        self.init(ParameterSpec(name, .files, default: .list([]), doc)) { bound in bound.files[name] ?? [] }
    }
}

extension Parameter where T: ValueConvertible {
    /// A result of another directive (such as `census.minima`), read as `T`; that directive runs first.
    public init(reference name: String, _ doc: String) {
        self.init(ParameterSpec(name, .reference, doc), expecting: "a result that is \(withArticle("\(T.valueType)"))", convert: T.init(value:))
    }
}

extension Parameter {
    /// A result of another directive that may be left out.
    public init<V: ValueConvertible>(optionalReference name: String, _ doc: String) where T == V? {
        self.init(ParameterSpec(name, .reference, optional: true, doc), expecting: "a result that is \(withArticle("\(V.valueType)"))") { bound in
            guard let value = bound.values[name] else { return .some(nil) }
            return V(value: value).map { .some($0) }
        }
    }
}

extension Parameter where T == ResultPath {
    /// A result shown by a presentation directive (a figure or table), as the path written.
    init(shows name: String, _ doc: String) {
        self.init(ParameterSpec(name, .reference, doc)) { bound in bound.paths[name] }
    }
}

extension Parameter where T == ResultPath? {
    /// A result path that may be left out.
    init(optionalPath name: String, _ doc: String) {
        self.init(ParameterSpec(name, .reference, optional: true, doc)) { bound in .some(bound.paths[name]) }
    }
}

extension Parameter where T == Prose {
    /// Text with `{{ }}` expressions, such as a caption.
    init(caption name: String, _ doc: String) {
        self.init(ParameterSpec(name, .caption, default: .text(""), doc)) { bound in bound.captions[name] ?? Prose(segments: []) }
    }
}

extension Parameter where T == [String: FormatSpec] {
    init(formats name: String, _ doc: String) {
        self.init(ParameterSpec(name, .formats, default: .record(Record()), doc)) { bound in bound.formats }
    }
}

extension Parameter where T == [[Claim]] {
    init(rows name: String, _ doc: String) {
        self.init(ParameterSpec(name, .rows, optional: true, doc)) { bound in bound.rows }
    }
}

/// A directive's parameters: a struct whose stored properties are `Parameter` declarations, in
/// the order `report directives` lists them.
public protocol ParameterSet: Sendable {
    init()
}

/// Type-erased view of a declaration, for walking a `ParameterSet`.
private protocol AnyParameter {
    var spec: ParameterSpec { get }
    var expectation: String { get }
    func readAny(_ bound: BoundArguments) -> Any?
}

extension Parameter: AnyParameter {
    func readAny(_ bound: BoundArguments) -> Any? { read(bound) }
}

extension ParameterSet {
    private static var declarations: [any AnyParameter] {
        Mirror(reflecting: Self()).children.compactMap { $0.value as? any AnyParameter }
    }

    /// The declared parameters in declaration order.
    static var specs: [ParameterSpec] { declarations.map(\.spec) }

    /// Every declared parameter read from `bound`, by name; a parameter whose value does not have
    /// its declared type (a reference to a result of another type) is a failure naming both.
    static func read(_ bound: BoundArguments) throws -> [String: Any] {
        var values: [String: Any] = [:]
        for declaration in declarations {
            let name = declaration.spec.name
            guard let value = declaration.readAny(bound) else {
                let got = bound.values[name].map { "a \($0.typeName)" } ?? "nothing"
                throw DirectiveFailure("parameter '\(name)' expects \(declaration.expectation), got \(got)")
            }
            values[name] = value
        }
        return values
    }
}

/// A directive's parameters, read typed through their declarations: `arguments.runs` is the
/// value of `Parameters().runs`, an `Int` if that is a `Parameter<Int>`.
@dynamicMemberLookup
public struct Arguments<P: ParameterSet>: @unchecked Sendable {
    private let values: [String: Any]
    /// The declarations, made once: reading an argument in a directive's inner loop must not
    /// build the whole parameter set again.
    private let declarations = P()

    init(_ bound: BoundArguments) throws { values = try P.read(bound) }

    public subscript<T>(dynamicMember declaration: KeyPath<P, Parameter<T>>) -> T {
        // Every declared parameter was read and type-checked when these arguments were made.
        values[declarations[keyPath: declaration].spec.name] as! T
    }
}
