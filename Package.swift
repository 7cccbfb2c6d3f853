// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "intertwine",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "intertwine", targets: ["intertwine"]),
        .executable(name: "intertwine-mcp", targets: ["intertwine-mcp"]),
        .executable(name: "intertwine-bench", targets: ["intertwine-bench"]),
        .library(name: "CodingEngine", targets: ["CodingEngine"]),
    ],
    // The AI assistant's server (`intertwine mcp`, served by `intertwine-mcp`) is a trait, on by default; a build
    // for an institution whose policy forbids AI leaves it out entirely:
    // `swift build --disable-default-traits` has no `mcp` command and no MCP library.
    traits: [
        .trait(name: "AIAssistant", description: "intertwine mcp: an AI assistant proposes codings over MCP"),
        .default(enabledTraits: ["AIAssistant"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        .target(
            name: "CodingEngine",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // ICU's regular expressions through its C interface (PatternSearch): the ICU
            // library that ships with Foundation on Linux.
            linkerSettings: [.linkedLibrary("_FoundationICU")]
        ),
        .systemLibrary(
            name: "CInflate",
            path: "Sources/CInflate"
        ),
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "Exchange",
            dependencies: [
                "CodingEngine",
                "CInflate",
                "CLibXML2",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "TeamServer",
            dependencies: [
                "CodingEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "AssistantServer",
            dependencies: [
                "CodingEngine",
                .product(name: "MCP", package: "swift-sdk", condition: .when(traits: ["AIAssistant"])),
            ]
        ),
        .target(
            name: "Workbench",
            dependencies: ["CodingEngine"]
        ),
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw"
        ),
        .target(
            name: "NcursesTerminal",
            dependencies: ["CNcursesw", "Workbench"]
        ),
        .executableTarget(
            name: "intertwine",
            dependencies: [
                "CodingEngine",
                "Exchange",
                "Workbench",
                "NcursesTerminal",
                "TeamServer",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // The assistant's server, a program of its own beside `intertwine` (which hands over to
        // it with exec): the MCP library's networking (curl, TLS) loads only when it is used.
        .executableTarget(
            name: "intertwine-mcp",
            dependencies: ["CodingEngine", "AssistantServer"]
        ),
        .target(
            name: "BenchCorpus",
            dependencies: ["CodingEngine"]
        ),
        .executableTarget(
            name: "intertwine-bench",
            dependencies: ["CodingEngine", "Workbench", "Exchange", "BenchCorpus"]
        ),
        .executableTarget(
            name: "intertwine-fuzz",
            dependencies: ["CodingEngine", "Exchange"]
        ),
        .testTarget(
            name: "CodingEngineTests",
            dependencies: ["CodingEngine", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ExchangeTests",
            dependencies: ["Exchange", "CodingEngine", "BenchCorpus", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "WorkbenchTests",
            dependencies: ["Workbench", "CodingEngine", "TestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "intertwine", "intertwine-mcp", "CodingEngine", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // What every test target shares (Tests/TestSupport): temporary folders, the demo as a
        // project and a workbench session, running the binary, a throw-away PostgreSQL cluster.
        .target(
            name: "TestSupport",
            dependencies: ["CodingEngine", "Workbench"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "AssistantServerTests",
            dependencies: [
                "AssistantServer", "CodingEngine", "TestSupport",
                .product(name: "MCP", package: "swift-sdk", condition: .when(traits: ["AIAssistant"])),
            ]
        ),
        .testTarget(
            name: "TeamServerTests",
            dependencies: ["TeamServer", "CodingEngine", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
