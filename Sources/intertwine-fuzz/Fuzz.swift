import CodingEngine
import Exchange
import Foundation

/// Fuzz targets for the parsers that read researchers' files: transcripts (plain text
/// and front matter), codebook YAML, VTT/SRT subtitles and QDPX projects. Which one
/// runs is chosen by `FUZZ_TARGET` (default `transcript`).
///
/// Built with libFuzzer by `scripts/fuzz`; built normally, `intertwine-fuzz FILE...`
/// replays inputs (the regression corpus in Tests/Fuzz) through the same code.
enum FuzzTargets {
    /// Feeds one input to a parser. Errors are expected; crashes are the bugs.
    static func run(_ target: String, _ bytes: [UInt8]) {
        switch target {
        case "codebook":
            _ = try? CodebookFile.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
        case "subtitles":
            let path = temporaryFile(bytes, ending: bytes.first == 0x57 ? "vtt" : "srt")
            _ = try? TranscriptFormats.read(path: path, caseName: "Fuzz")
            try? FileManager.default.removeItem(atPath: path)
        case "qdpx":
            let path = temporaryFile(bytes, ending: "qdpx")
            _ = try? RefiImport(path: path)
            try? FileManager.default.removeItem(atPath: path)
        default:
            if let transcript = try? Transcript.parse(
                bytes: bytes, path: "fuzz.txt", name: "fuzz", caseName: "Fuzz", folderName: nil)
            {
                // Every turn must lie inside the text, in order.
                var previous = 0
                for turn in transcript.turns {
                    precondition(
                        turn.start >= previous && turn.start <= turn.speechStart && turn.speechStart <= turn.end
                            && turn.end <= transcript.length)
                    previous = turn.end
                }
            }
        }
    }

    static func temporaryFile(_ bytes: [UInt8], ending: String) -> String {
        let path = NSTemporaryDirectory() + "intertwine-fuzz-\(getpid()).\(ending)"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        FuzzTargets.run(
            ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "transcript",
            Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }

    /// libFuzzer's driver, started from the entry point SwiftPM gives this executable.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    @_cdecl("intertwine_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in fuzzOne(data, size) }
    }
#else
    @main
    struct Replay {
        static func main() {
            let target = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "transcript"
            let files = CommandLine.arguments.dropFirst()
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                FuzzTargets.run(target, [UInt8](data))
            }
            print("replayed \(files.count) inputs through the \(target) target without a crash")
        }
    }
#endif
