#if AIAssistant
    import CodingEngine
    import Foundation
    import MCP

    /// One assistant's session on a project: who it is, who runs it, and its tools'
    /// answers. Every read is made as the assistant (`Project.viewer`), so blind coding's
    /// rule keeps other coders' codings from it while it is on; the one write is
    /// `propose_codings`, as the assistant's own coder.
    final class AssistantSession: @unchecked Sendable {
        let project: Project
        /// The person running the assistant.
        let person: String
        /// `--as`, when given: else the client's name from `initialize`.
        let chosenName: String?
        /// The client that connected, guarded by `lock` (tool calls may come at once).
        private var clientInfo: Client.Info?
        private let lock = NSLock()

        /// The most text one read gives, in scalars.
        static let readLimit = 20_000
        /// The most items one listing gives.
        static let listLimit = 500

        init(project: Project, person: String, name: String?) {
            self.project = project
            self.person = person
            chosenName = name
        }

        /// Records the client that connected; the assistant is named after it unless `--as` named it.
        func connected(_ info: Client.Info) {
            lock.withLock { clientInfo = info }
            project.viewer = assistant
        }

        /// The assistant's coder name.
        var assistant: String {
            let name = chosenName ?? lock.withLock { clientInfo?.name } ?? "assistant"
            return Assistant.coderName(Self.safeName(name))
        }

        /// A client's name as a coder name: letters, digits, `-`, `_` and `.`, others as `-`.
        static func safeName(_ name: String) -> String {
            let kept = name.unicodeScalars.map { scalar -> String in
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.:".unicodeScalars.contains(scalar)
                    ? String(scalar) : "-"
            }.joined()
            return kept.isEmpty ? "assistant" : kept
        }

        /// The answer to a tool call: its result as JSON text, or the problem as the tool's error.
        func call(_ name: String, _ arguments: [String: Value]?) -> CallTool.Result {
            project.viewer = assistant
            do {
                let reader = ToolArguments(arguments)
                // Pseudonymised when the project's exports are by default: read afresh each time.
                var shown = try AssistantPseudonyms.of(project)
                let answer: any Encodable
                switch name {
                case "list_documents": answer = try listDocuments(&shown)
                case "list_codebook": answer = try listCodebook(reader, &shown)
                case "read_passage": answer = try readPassage(reader, &shown)
                case "search": answer = try search(reader, &shown)
                case "list_codings": answer = try listCodings(reader, &shown)
                case "run_query": answer = try runQuery(reader, &shown)
                case "propose_codings": answer = try propose(reader, arguments: arguments ?? [:], &shown)
                default:
                    throw ToolArguments.Problem(
                        description:
                            "no tool named \(name); the tools are \(AssistantTools.all.map(\.name).joined(separator: ", "))"
                    )
                }
                return CallTool.Result(content: [Self.text(try Self.json(answer))], isError: false)
            } catch {
                return CallTool.Result(content: [Self.text("\(error)")], isError: true)
            }
        }

        private static func text(_ text: String) -> Tool.Content { .text(text: text, annotations: nil, _meta: nil) }

        static func json(_ value: any Encodable) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        }

        // MARK: The tools

        struct DocumentEntry: Encodable {
            var name: String, `case`: String, length: Int, turns: Int, speakers: [String]
            var attributes: [String: String], properties: [String: String]
        }

        func listDocuments(_ shown: inout AssistantPseudonyms?) throws -> [DocumentEntry] {
            let cases = Dictionary(uniqueKeysWithValues: try project.cases().map { ($0.name, $0.attributes) })
            var entries: [DocumentEntry] = []
            for info in try project.documents() {
                var entry = DocumentEntry(
                    name: info.name, case: info.caseName, length: info.length, turns: info.turnCount,
                    speakers: info.speakers,
                    attributes: Self.dictionary(cases[info.caseName] ?? [], shown),
                    properties: Self.dictionary(info.properties, shown))
                if shown != nil {
                    entry.name = shown!(info.name)
                    entry.case = shown!(info.caseName)
                    entry.length = try shown!.text(info.name).text.unicodeScalars.count
                    entry.speakers = info.speakers.map { shown!($0) }
                }
                entries.append(entry)
            }
            return entries
        }

        private static func dictionary(_ attributes: [CaseAttribute], _ shown: AssistantPseudonyms?) -> [String: String]
        {
            Dictionary(
                attributes.map { attribute in
                    let value = attribute.value.description
                    return shown.map { ($0(attribute.key), $0(value)) } ?? (attribute.key, value)
                }, uniquingKeysWith: { first, _ in first })
        }

        struct CodeEntry: Encodable {
            var path: String, definition: String, codable: Bool, examples: [Example]?
        }

        struct Example: Encodable {
            var document: String, start: Int, end: Int, text: String
        }

        func listCodebook(_ arguments: ToolArguments, _ shown: inout AssistantPseudonyms?) throws -> [CodeEntry] {
            let codebook = try project.codebook()
            let wanted = min(10, max(0, try arguments.integer("examples") ?? 2))
            let source = try arguments.string("examples_from") ?? project.consensusCoders().sorted().first
            var examples: [String: [Example]] = [:]
            if let source, wanted > 0 {
                for coding in try project.codings(CodingFilter(coders: [source]))
                where examples[coding.code, default: []].count < wanted {
                    var example = Example(
                        document: coding.document, start: coding.start, end: coding.end,
                        text: Self.clipped(coding.text, 400))
                    if shown != nil {
                        let passage = try shown!.passage(coding.document, TextRange(coding.start, coding.end))
                        example = Example(
                            document: shown!(coding.document), start: passage.range.start, end: passage.range.end,
                            text: Self.clipped(passage.text, 400))
                    }
                    examples[coding.code, default: []].append(example)
                }
            }
            return codebook.codes.map { code in
                CodeEntry(
                    path: shown.map { $0(code.path) } ?? code.path,
                    definition: shown.map { $0(code.description) } ?? code.description, codable: code.codable,
                    examples: code.codable && source != nil ? examples[code.path] ?? [] : nil)
            }
        }

        static func clipped(_ text: String, _ limit: Int) -> String {
            text.unicodeScalars.count <= limit
                ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…"
        }

        struct Passage: Encodable {
            var document: String, start: Int, end: Int, length: Int
            var turns: [TurnText]
            /// Where to continue when the answer stopped at the read limit.
            var next: Int?
        }

        struct TurnText: Encodable {
            var turn: Int?
            var speaker: String?
            var start: Int, end: Int, text: String
        }

        func readPassage(_ arguments: ToolArguments, _ shown: inout AssistantPseudonyms?) throws -> Passage {
            let named = try arguments.requiredString("document")
            let stored = shown?.storedDocument(named) ?? named
            let document = try shown?.document(stored).document ?? project.document(named: named)
            let text = ScalarText(document.text)
            var start = 0, end = text.length
            if let from = try arguments.integer("turn_from") {
                let to = try arguments.integer("turn_to") ?? from
                guard let first = document.turns.first(where: { $0.index == from }),
                    let last = document.turns.first(where: { $0.index == to }), from <= to
                else {
                    throw ToolArguments.Problem(
                        description:
                            "\(document.name) has turns 1–\(document.turns.count); turn_from and turn_to must be among them, in order"
                    )
                }
                (start, end) = (first.start, last.end)
            } else {
                start = try arguments.integer("start") ?? 0
                end = try arguments.integer("end") ?? text.length
                guard start >= 0, start < end, end <= text.length else {
                    throw ToolArguments.Problem(
                        description:
                            "\(document.name) has offsets 0–\(text.length); start must be before end, both within it")
                }
            }
            let next = end - start > Self.readLimit ? start + Self.readLimit : nil
            if let next { end = next }
            var pieces: [TurnText] = []
            let turns = document.turns.filter { $0.start < end && $0.end > start }
            if turns.isEmpty {
                pieces.append(TurnText(turn: nil, speaker: nil, start: start, end: end, text: text.slice(start, end)))
            } else {
                if let first = turns.first, first.start > start {
                    pieces.append(
                        TurnText(
                            turn: nil, speaker: nil, start: start, end: first.start,
                            text: text.slice(start, first.start)))
                }
                for turn in turns {
                    let from = max(start, turn.start), to = min(end, turn.end)
                    pieces.append(
                        TurnText(
                            turn: turn.index, speaker: turn.speaker, start: from, end: to, text: text.slice(from, to)))
                }
            }
            return Passage(
                document: document.name, start: start, end: end, length: text.length, turns: pieces, next: next)
        }

        struct Hit: Encodable {
            var document: String
            var turn: Int?
            var speaker: String?
            var start: Int, end: Int
            var before: String, match: String, after: String
        }

        struct Hits: Encodable {
            var hits: [Hit], total: Int, shown: Int
        }

        func search(_ arguments: ToolArguments, _ shown: inout AssistantPseudonyms?) throws -> Hits {
            let pattern: String
            if let given = try arguments.string("pattern"), !given.isEmpty {
                pattern = given
            } else if let words = try arguments.string("words"), !words.split(whereSeparator: \.isWhitespace).isEmpty {
                let escaped = words.split(whereSeparator: \.isWhitespace).map {
                    NSRegularExpression.escapedPattern(for: String($0))
                }
                pattern = "(?i)\\b" + escaped.joined(separator: "\\s+") + "\\b"
            } else {
                throw ToolArguments.Problem(description: "give words or a pattern")
            }
            let documents = try arguments.strings("documents").map { shown?.storedDocument($0) ?? $0 }
            let found = try project.search(pattern, documents: documents)
            var hits: [Hit] = []
            for hit in found.prefix(Self.listLimit) {
                let seen = try shown?.hit(hit) ?? hit
                hits.append(
                    Hit(
                        document: seen.document, turn: seen.turn, speaker: seen.speaker, start: seen.range.start,
                        end: seen.range.end, before: seen.before, match: seen.match, after: seen.after))
            }
            return Hits(hits: hits, total: found.count, shown: hits.count)
        }

        struct CodingEntry: Encodable {
            var id: Int64, document: String, start: Int, end: Int, code: String, coder: String, text: String
            var proposal: ProposalState?
        }

        struct ProposalState: Encodable {
            var status: String, reason: String, confidence: Double
            var decided_by: String?
            var why: String?
        }

        struct Codings: Encodable {
            var codings: [CodingEntry], total: Int, shown: Int
            var blind_coding: Bool
        }

        func listCodings(_ arguments: ToolArguments, _ shown: inout AssistantPseudonyms?) throws -> Codings {
            let filter = CodingFilter(
                coders: try arguments.string("coder").map { [$0] } ?? [],
                codes: try arguments.string("code").map { [shown?.storedCode($0) ?? $0] } ?? [],
                documents: try arguments.string("document").map { [shown?.storedDocument($0) ?? $0] } ?? [],
                viewer: assistant)
            let found = try project.codings(filter)
            let proposals = Dictionary(
                uniqueKeysWithValues: try project.proposals(assistant: assistant).map { ($0.id, $0) })
            var entries: [CodingEntry] = []
            for coding in found.prefix(Self.listLimit) {
                var entry = CodingEntry(
                    id: coding.id, document: coding.document, start: coding.start, end: coding.end, code: coding.code,
                    coder: coding.coder, text: Self.clipped(coding.text, 400),
                    proposal: proposals[coding.id].map {
                        ProposalState(
                            status: $0.status.rawValue, reason: $0.reason, confidence: $0.confidence,
                            decided_by: $0.decidedBy, why: $0.why)
                    })
                if shown != nil {
                    let passage = try shown!.passage(coding.document, TextRange(coding.start, coding.end))
                    entry.document = shown!(coding.document)
                    (entry.start, entry.end) = (passage.range.start, passage.range.end)
                    entry.code = shown!(coding.code)
                    entry.text = Self.clipped(passage.text, 400)
                    if var state = entry.proposal {
                        state.reason = shown!.pseudonymiser.anyCase(state.reason)
                        state.why = state.why.map { shown!($0) }
                        entry.proposal = state
                    }
                }
                entries.append(entry)
            }
            return Codings(
                codings: entries, total: found.count, shown: entries.count, blind_coding: try project.blindCoding())
        }

        struct QueryPassage: Encodable {
            var document: String, `case`: String, start: Int, end: Int, text: String
        }

        struct QueryAnswer: Encodable {
            var passages: [QueryPassage], total: Int, shown: Int
        }

        func runQuery(_ arguments: ToolArguments, _ shown: inout AssistantPseudonyms?) throws -> QueryAnswer {
            let found = try project.query(try arguments.requiredString("query"))
            var passages: [QueryPassage] = []
            for passage in found.prefix(Self.listLimit) {
                var entry = QueryPassage(
                    document: passage.document, case: passage.caseName, start: passage.range.start,
                    end: passage.range.end, text: Self.clipped(passage.text, 400))
                if shown != nil {
                    let mapped = try shown!.passage(passage.document, passage.range)
                    entry = QueryPassage(
                        document: shown!(passage.document), case: shown!(passage.caseName), start: mapped.range.start,
                        end: mapped.range.end, text: Self.clipped(mapped.text, 400))
                }
                passages.append(entry)
            }
            return QueryAnswer(passages: passages, total: found.count, shown: passages.count)
        }

        struct Written: Encodable {
            var index: Int, id: Int64, document: String, start: Int, end: Int, code: String
            var note: String?
        }

        struct Refused: Encodable {
            var index: Int, problem: String
        }

        struct NewCode: Encodable {
            var index: Int, code: String, memo_id: Int64
        }

        struct ProposalAnswer: Encodable {
            var written: [Written], refused: [Refused], new_codes: [NewCode], summary: String
        }

        func propose(_ arguments: ToolArguments, arguments raw: [String: Value], _ shown: inout AssistantPseudonyms?)
            throws -> ProposalAnswer
        {
            guard let list = raw["codings"]?.arrayValue, !list.isEmpty else {
                throw ToolArguments.Problem(description: "codings must be a non-empty list of proposals")
            }
            var items: [ProposedCoding] = []
            var refused: [Refused] = []
            var places: [Int] = []
            for (index, value) in list.enumerated() {
                do {
                    // A proposal is always the assistant's own: it cannot be made in a person's name.
                    if let coder = value.objectValue?["coder"]?.stringValue,
                        Assistant.coderName(coder) != assistant || !Assistant.isAssistant(coder)
                    {
                        throw ToolArguments.Problem(
                            description:
                                "a proposal is always yours (\(assistant)); it cannot be written as \(coder), whose codings only they change"
                        )
                    }
                    let item = try Self.item(value)
                    // Offsets, quote, document and code as read pseudonymised: on the stored text.
                    items.append(try shown?.stored(item) ?? item)
                    places.append(index)
                } catch {
                    refused.append(Refused(index: index, problem: "\(error)"))
                }
            }
            let info = lock.withLock { clientInfo }
            let source = ProposalSource(
                assistant: assistant, requestedBy: person, client: info?.name ?? "unknown client",
                clientVersion: info?.version ?? "", model: try arguments.string("model"),
                requestSHA256: StoredText.sha256(try Self.json(Value.object(raw))))
            let outcome = try project.propose(items, from: source)
            var written: [Written] = []
            for item in outcome.written {
                var range = item.proposal.range
                if shown != nil { range = try shown!.passage(item.proposal.document, range).range }
                written.append(
                    Written(
                        index: places[item.index], id: item.proposal.id,
                        document: shown.map { $0(item.proposal.document) } ?? item.proposal.document,
                        start: range.start, end: range.end,
                        code: shown.map { $0(item.proposal.code) } ?? item.proposal.code,
                        note: item.note.map { shown?($0) ?? $0 }))
            }
            refused += outcome.refused.map { Refused(index: places[$0.index], problem: $0.problem) }
            refused.sort { $0.index < $1.index }
            if let shown { refused = refused.map { Refused(index: $0.index, problem: shown($0.problem)) } }
            let newCodes = outcome.newCodes.map { NewCode(index: places[$0.index], code: $0.code, memo_id: $0.memo) }
            let summary =
                "\(written.count) of \(list.count) proposal\(list.count == 1 ? "" : "s") stored for the researcher's review"
                + (newCodes.isEmpty
                    ? ""
                    : "; \(newCodes.count) new code\(newCodes.count == 1 ? "" : "s") kept as a note for the researcher (not made)")
                + (refused.isEmpty ? "" : "; \(refused.count) refused: fix each as its problem says and send it again")
            return ProposalAnswer(written: written, refused: refused, new_codes: newCodes, summary: summary)
        }

        /// One proposal of `propose_codings`' list.
        private static func item(_ value: Value) throws -> ProposedCoding {
            guard let fields = value.objectValue else {
                throw ToolArguments.Problem(description: "a proposal must be an object")
            }
            let reader = ToolArguments(fields)
            return ProposedCoding(
                document: try reader.requiredString("document"), start: try reader.integer("start"),
                end: try reader.integer("end"), quote: try reader.string("quote"),
                code: try reader.requiredString("code"),
                reason: try reader.string("reason") ?? "",
                confidence: try ToolArguments.number(fields["confidence"], name: "confidence"),
                newCode: try reader.flag("new_code"))
        }
    }
#endif
