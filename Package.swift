// swift-tools-version:6.0
import PackageDescription

/// `report`: a literate report generator for loss-landscape research.
/// Modules follow the pipeline of DESIGN.md: C shims (Cairo, LAPACK, cmark, zlib), the compute core (`Landscape`), the figure
/// library (`Figures`), the HTML writer (`PaperHTML`), the engine (`ReportEngine`) and the CLI;
/// `ChildProcess` runs external tools (phc, Chromium, Python) for the engine, tests and benchmarks.
/// The engine's build-tool plugin `SourceDigests` (with its tool `digest-sources`) digests the
/// sources that can change a result, for the cache keys; the CLI's `EmbeddedFiles` (with
/// `embed-files`) compiles in the default page and the scaffold of `report init`, so the
/// installed tool runs from any directory.
let package = Package(
    name: "report",
    products: [
        .executable(name: "report", targets: ["report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/attaswift/BigInt", exact: "6.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(
            name: "CLapack", path: "Sources/CLapack",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]),
        .systemLibrary(
            name: "CCmark", path: "Sources/CCmark", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CKernels"),
        .target(
            name: "Landscape",
            dependencies: [.product(name: "BigInt", package: "BigInt"), "CLapack", "CKernels"]),
        .target(name: "ChildProcess"),
        .target(name: "Figures", dependencies: ["CCairo"]),
        .target(
            name: "PaperHTML",
            dependencies: ["CCmark", .product(name: "Mustache", package: "swift-mustache")]),
        .target(
            name: "ReportEngine",
            dependencies: [
                "Landscape", "Figures", "PaperHTML", "ChildProcess", "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ],
            plugins: ["SourceDigests"]),
        .plugin(name: "SourceDigests", capability: .buildTool(), dependencies: ["digest-sources"]),
        .executableTarget(name: "digest-sources"),
        .plugin(name: "EmbeddedFiles", capability: .buildTool(), dependencies: ["embed-files"]),
        .executableTarget(name: "embed-files"),
        .executableTarget(
            name: "report",
            dependencies: [
                "ReportEngine", "Landscape", "ChildProcess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["Scaffold"],
            plugins: ["EmbeddedFiles"]),
        .executableTarget(name: "bench", dependencies: ["ReportEngine", "Landscape", "Figures", "PaperHTML", "ChildProcess"]),
        .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess"]),
        .testTarget(
            name: "LandscapeTests", dependencies: ["Landscape", "ChildProcess"],
            resources: [.copy("Fixtures/mlp_tanh.json"), .copy("Fixtures/sgd_torch.json"), .copy("Fixtures/linkage_scipy.json"), .copy("Fixtures/assignment_scipy.json"), .copy("Fixtures/statistics_scipy.json"), .copy("Fixtures/spinglass_scipy.json")]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures"]),
        .testTarget(name: "ReportEngineTests", dependencies: ["ReportEngine", "report", "ChildProcess", .product(name: "BigInt", package: "BigInt")]),
        .testTarget(name: "PaperHTMLTests", dependencies: ["PaperHTML", "ChildProcess"]),
    ],
    swiftLanguageModes: [.v5]
)
