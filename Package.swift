// swift-tools-version:6.2
// BaoCao — one program, `baocao`, that runs as a node at every level of a province's
// reporting hierarchy. The module graph follows DESIGN.md §12: nothing imports upward.

import PackageDescription

// Our own targets build without a single warning, and stay so: a warning is an error here
// (dependencies are not held to it).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "baocao",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "baocao", targets: ["baocao"]),
        .executable(name: "baocao-bench", targets: ["BaoCaoBench"]),
        .executable(name: "baocao-fuzz", targets: ["BaoCaoFuzz"]),
        .executable(name: "baocao-crypto-count", targets: ["BaoCaoCryptoCount"]),
        .library(name: "BaoCaoCore", targets: ["BaoCaoCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        // libcrypto from the system (Debian's libssl-dev), for CMS signatures and X.509.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The domain: topology, catalog, regimes, periods, calendar, validation, aggregation. No I/O.
        .target(
            name: "BaoCaoCore",
            swiftSettings: swiftSettings
        ),
        // syncfs(2), which Swift's Glibc module does not declare.
        .target(name: "CFilesystem"),
        // One SQLite database per node: schema, migrations, repositories; bundle files
        // written durably beside it.
        .target(
            name: "BaoCaoStore",
            dependencies: [
                "BaoCaoCore", "CFilesystem",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the one hot path GRDB's general binding is too slow for.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // zlib from the system (Debian's zlib1g-dev), for inflating and deflating.
        .systemLibrary(
            name: "CLibz",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // The strict ZIP reader and the ZIP writer, shared by bundles, spreadsheets and backups.
        .target(
            name: "BaoCaoZip",
            dependencies: [
                "CLibz",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // The signed bundle container, CMS and X.509 over libcrypto.
        .target(
            name: "BaoCaoBundle",
            dependencies: ["BaoCaoCore", "BaoCaoZip", "COpenSSL"],
            swiftSettings: swiftSettings
        ),
        // What a node is, apart from how bytes travel: the trust in force, the one ingest
        // pipeline, routing, the outbox and feeds, USB transfer, backup.
        .target(
            name: "BaoCaoNode",
            dependencies: [
                "BaoCaoCore", "BaoCaoStore", "BaoCaoBundle", "BaoCaoZip",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTPS transport only: the sync server (mutual TLS, tus uploads), the sync
        // client and its background service, the national-exchange client.
        .target(
            name: "BaoCaoSync",
            dependencies: [
                "BaoCaoCore", "BaoCaoBundle", "BaoCaoNode", "BaoCaoZip",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What staff do at a node, shared by the CLI and the web interface: accounts and
        // roles, the report lifecycle, the inbox, receiving windows, notices, the audit log.
        .target(
            name: "BaoCaoServices",
            dependencies: [
                "BaoCaoCore", "BaoCaoStore", "BaoCaoBundle", "BaoCaoNode",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // libxlsxwriter from the system (Debian's libxlsxwriter-dev), for Excel workbooks.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // cairo and FreeType from the system (Debian's libcairo2-dev), for the report as a PDF
        // page with its Vietnamese font embedded.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo-ft",
            providers: [.apt(["libcairo2-dev"])]
        ),
        // Data in and out: legacy-text-aware CSV and Excel forms, extraction, ADX, and the
        // national exchange packets (QCVN 125), and the report as a signed PDF (PAdES).
        .target(
            name: "BaoCaoExchange",
            dependencies: [
                "BaoCaoCore", "BaoCaoStore", "BaoCaoBundle", "BaoCaoZip", "BaoCaoServices", "CXlsxWriter", "CCairo",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The Hummingbird application: the Vietnamese web interface, health and metrics.
        // Templates and the style sheet are resources: nothing is fetched from outside.
        .target(
            name: "BaoCaoWeb",
            dependencies: [
                "BaoCaoCore", "BaoCaoStore", "BaoCaoBundle", "BaoCaoZip", "BaoCaoNode", "BaoCaoServices", "BaoCaoExchange",
                .product(name: "Hummingbird", package: "hummingbird"),
                // HTTPS on the local port (network.localTLS).
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: swiftSettings
        ),
        // `baocao sign-service`: the small HTTP server on a leader's PC, beside their token,
        // that signs what a node's approval page asks once the leader has seen it and typed
        // the PIN. Its own module over Bundle only: it holds no node, store or session.
        .target(
            name: "BaoCaoSigning",
            dependencies: [
                "BaoCaoCore", "BaoCaoBundle",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The `baocao` command line, wiring everything together.
        .executableTarget(
            name: "baocao",
            dependencies: [
                "BaoCaoCore", "BaoCaoStore", "BaoCaoZip", "BaoCaoBundle", "BaoCaoNode", "BaoCaoSync", "BaoCaoServices", "BaoCaoExchange", "BaoCaoWeb",
                "BaoCaoSigning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        // Test support shared by tests and benchmarks: a fault-injecting TCP proxy, a seeded generator,
        // a zip bomb made on the spot, a child process measured for its peak memory.
        .target(
            name: "BaoCaoTesting",
            dependencies: [
                "BaoCaoBundle",
                "CLibz",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks, built in release mode by Scripts/bench-*; never part of the tests.
        .executableTarget(
            name: "BaoCaoBench",
            dependencies: [
                "BaoCaoCore", "BaoCaoZip", "BaoCaoBundle", "BaoCaoStore", "BaoCaoNode", "BaoCaoSync", "BaoCaoServices", "BaoCaoExchange", "BaoCaoWeb",
                "BaoCaoTesting",
                "COpenSSL",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What the fuzz targets do with one input: read it as a bundle, a manifest, a report,
        // a CSV or Excel import, an upload request, a period. Shared by the libFuzzer binary
        // and the tests that replay every corpus file and every input that ever crashed.
        .target(
            name: "BaoCaoFuzzing",
            dependencies: [
                "BaoCaoCore", "BaoCaoStore", "BaoCaoZip", "BaoCaoBundle", "BaoCaoNode", "BaoCaoSync", "BaoCaoServices", "BaoCaoExchange",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Counts libcrypto's allocations around many sign and verify cycles, in a process of
        // its own (CRYPTO_set_mem_functions works only before libcrypto's first allocation);
        // run by BaoCaoBundleTests and by Scripts/asan.
        .executableTarget(
            name: "BaoCaoCryptoCount",
            dependencies: ["BaoCaoCore", "BaoCaoBundle", "COpenSSL"],
            swiftSettings: swiftSettings
        ),
        // The libFuzzer binary (Scripts/fuzz builds it with -sanitize=fuzzer -parse-as-library;
        // BAOCAO_FUZZ_TARGET picks the target).
        .executableTarget(
            name: "BaoCaoFuzz",
            dependencies: ["BaoCaoFuzzing"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaoCaoFuzzingTests",
            dependencies: ["BaoCaoFuzzing", "BaoCaoCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaoCaoCoreTests",
            // Yams reads the sample catalogs of Config/ as the CLI does (the domain itself reads no files).
            dependencies: ["BaoCaoCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaoCaoStoreTests",
            dependencies: ["BaoCaoCore", "BaoCaoStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaoCaoServicesTests",
            dependencies: ["BaoCaoCore", "BaoCaoStore", "BaoCaoBundle", "BaoCaoNode", "BaoCaoSync", "BaoCaoServices", "BaoCaoTesting",
                           .product(name: "GRDB", package: "GRDB.swift"),
                           // Yams reads the sample personnel catalog of Config/ as the CLI does.
                           .product(name: "Yams", package: "Yams"),
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaoCaoBundleTests",
            dependencies: [
                "BaoCaoCore", "BaoCaoZip", "BaoCaoBundle", "BaoCaoTesting",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaoCaoZipTests",
            dependencies: ["BaoCaoZip"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaoCaoNodeTests",
            dependencies: [
                "BaoCaoCore", "BaoCaoStore", "BaoCaoBundle", "BaoCaoNode", "BaoCaoTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaoCaoSyncTests",
            dependencies: [
                "BaoCaoCore", "BaoCaoStore", "BaoCaoBundle", "BaoCaoNode", "BaoCaoSync", "BaoCaoTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaoCaoExchangeTests",
            dependencies: [
                "BaoCaoTesting",
                "BaoCaoCore", "BaoCaoStore", "BaoCaoZip", "BaoCaoBundle", "BaoCaoNode", "BaoCaoSync", "BaoCaoServices", "BaoCaoExchange",
                "BaoCaoFuzzing",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaoCaoWebTests",
            dependencies: [
                "BaoCaoCore", "BaoCaoStore", "BaoCaoBundle", "BaoCaoNode", "BaoCaoServices", "BaoCaoWeb", "BaoCaoExchange", "BaoCaoTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // A view's fields read by name are checked against swift-mustache's own reading.
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                // Yams reads the sample catalog of Config/ for the regime page, as the CLI does.
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaoCaoSigningTests",
            dependencies: [
                "BaoCaoCore", "BaoCaoBundle", "BaoCaoSigning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BaoCaoCLITests",
            dependencies: ["BaoCaoCore", "BaoCaoBundle", "BaoCaoStore", "BaoCaoTesting",
                           // HTTPS to a running node's local port, trusting the development root.
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
    ]
)
