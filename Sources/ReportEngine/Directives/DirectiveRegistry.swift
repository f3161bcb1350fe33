/// The directives an engine knows: a value handed to the planner and the executor, so that tests
/// can build with extra directives (a failing one, a slow one). Adding a compute directive to the
/// tool is one file and one line in `standard`.
public struct DirectiveRegistry: Sendable {
    /// Directives that compute values (cached, run by the executor), by name.
    private let computations: [String: any ComputeDirective.Type]
    /// Every schema, compute directives in registration order, then the presentation directives.
    public let schemas: [DirectiveSchema]

    public init(_ directives: [any ComputeDirective.Type]) {
        var computations: [String: any ComputeDirective.Type] = [:]
        for directive in directives {
            precondition(computations[directive.name] == nil, "two directives are named '\(directive.name)'")
            computations[directive.name] = directive
        }
        self.computations = computations
        schemas = directives.map { $0.schema } + PresentationDirectives.schemas
    }

    /// The directives compiled into the tool.
    public static let standard = DirectiveRegistry([
        HelicityIndexDirective.self,
        DataDirective.self,
        StatsDirective.self,
        ClusteringDirective.self,
        SpinGlassDirective.self,
        MinimaCensusDirective.self,
        HomotopyCountDirective.self,
        CensusCertificateDirective.self,
        ModePathDirective.self,
        DiscoveryModelDirective.self,
        LangevinSweepDirective.self,
        ExecDirective.self,
        NNEnsembleDirective.self,
        PermInterpDirective.self,
        RandomWalkDirective.self,
    ])

    /// This registry with `directives` added.
    public func adding(_ directives: [any ComputeDirective.Type]) -> DirectiveRegistry {
        DirectiveRegistry(schemas.compactMap { computations[$0.name] } + directives)
    }

    public func schema(named name: String) -> DirectiveSchema? { schemas.first { $0.name == name } }

    /// The compute directive named `name`, or nil for presentation directives and unknown names.
    public func computation(named name: String) -> (any ComputeDirective.Type)? { computations[name] }

    /// Every compute directive, in registration order.
    public var computeDirectives: [any ComputeDirective.Type] { schemas.compactMap { computations[$0.name] } }
}
