/// One bar per category, at x positions `0, 1, 2, ...`; the categories label the x axis.
public struct Bars: Codable, Equatable, Sendable {
    public var categories: [String]
    public var values: [Double]
    /// Optional symmetric errors drawn as error bars on the bars.
    public var errors: [Double]?
    public var label: String?
    public var color: Color?
    /// Bar width as a fraction of the category spacing.
    public var width: Double

    public init(categories: [String], values: [Double], errors: [Double]? = nil, label: String? = nil,
                color: Color? = nil, width: Double = 0.8) {
        precondition(categories.count == values.count, "Bars: categories and values differ in length")
        precondition(errors.map { $0.count == values.count } ?? true, "Bars: errors differ in length")
        self.categories = categories
        self.values = values
        self.errors = errors
        self.label = label
        self.color = color
        self.width = width
    }
}
