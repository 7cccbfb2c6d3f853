#if AIAssistant
    import MCP

    /// The tools the assistant is offered, each with its JSON schema and a description
    /// written for a model: what it gives, and how offsets work.
    enum AssistantTools {
        static let offsets =
            "Offsets are Unicode scalar (code point) positions in the stored text, start inclusive, end exclusive."

        static let all: [Tool] = [
            Tool(
                name: "list_documents",
                description:
                    "Lists the project's interview documents: name, case (the firm or participant), the case's attributes, the document's properties, its length in Unicode scalars, its number of speaker turns and its speakers.",
                inputSchema: schema([:]), annotations: .init(readOnlyHint: true)),
            Tool(
                name: "list_codebook",
                description:
                    "Lists the codebook: each code's path (Folder/Code), its definition, whether it can be applied (folders cannot), and example passages coded with it by the consensus coder or by the coder named in examples_from. Use these paths in propose_codings.",
                inputSchema: schema([
                    "examples_from": string(
                        "A coder whose codings give the examples (default: the consensus coder, if any)"),
                    "examples": integer("How many examples per code (default 2, at most 10)"),
                ]), annotations: .init(readOnlyHint: true)),
            Tool(
                name: "read_passage",
                description:
                    "Reads a document's text, turn by turn with speaker labels and offsets: give start and end offsets, or turn_from and turn_to (1-based), or neither for the document from its start. At most 20,000 scalars per call; the answer says where to continue. \(offsets)",
                inputSchema: schema(
                    [
                        "document": string("The document's name, as list_documents gives it"),
                        "start": integer("First offset"), "end": integer("Offset after the last"),
                        "turn_from": integer("First turn (1-based)"), "turn_to": integer("Last turn, inclusive"),
                    ], required: ["document"]), annotations: .init(readOnlyHint: true)),
            Tool(
                name: "search",
                description:
                    "Finds text in the documents: words (a phrase, matched case-insensitively as whole words) or pattern (an ICU regular expression). Each match comes with its document, turn, speaker, offsets and context. \(offsets)",
                inputSchema: schema([
                    "words": string("Words to find, as a phrase"),
                    "pattern": string("An ICU regular expression, e.g. (?i)\\\\baudit\\\\w*"),
                    "documents": stringList("Only these documents (default: all)"),
                ]), annotations: .init(readOnlyHint: true)),
            Tool(
                name: "list_codings",
                description:
                    "Lists codings you may see, filtered by code, coder or document: each with its id, document, offsets, code, coder and text. Your own proposals carry their status: pending, accepted, or rejected with the researcher's reason; do not propose a rejected code for that passage again. While blind coding is on you see only your own codings.",
                inputSchema: schema([
                    "code": string("A code's path"), "coder": string("A coder's name"),
                    "document": string("A document's name"),
                ]), annotations: .init(readOnlyHint: true)),
            Tool(
                name: "run_query",
                description:
                    "Runs a query in intertwine's query language and returns the passages it finds, with offsets. A code path selects the text coded with it (a folder: any code below it; quote paths with spaces); coder:NAME, speaker:\"NAME\", document:NAME, text:~ REGEX, case.KEY = VALUE and doc.KEY = VALUE select text too; combine with and, or, not, ( ), A overlaps B, A within B, A near N words B, A followed by B within N turns, A same turn B. Example: \"Knowledge source/Consultant\" near 20 words Processes and not coder:ana",
                inputSchema: schema(["query": string("The query")], required: ["query"]),
                annotations: .init(readOnlyHint: true)),
            Tool(
                name: "propose_codings",
                description:
                    "Proposes codings for the researcher to accept or reject; nothing becomes their coding until they accept it. Each proposal names a document, the passage (start and end offsets, and/or quote: the passage's exact text, which is checked against the offsets or located in the document when it occurs once), a code path from list_codebook (or, with new_code: true, a new code you propose for the codebook: kept as a note for the researcher, never made), your reason, and your confidence from 0 to 1. Good proposals are stored together; each bad one is refused with a problem to fix and resend. \(offsets)",
                inputSchema: .object([
                    "type": "object",
                    "properties": .object([
                        "codings": .object([
                            "type": "array", "description": "The proposed codings",
                            "items": schema(
                                [
                                    "document": string("The document's name"),
                                    "start": integer("First offset of the passage"),
                                    "end": integer("Offset after the passage"),
                                    "quote": string("The passage's exact text"),
                                    "code": string("The code's path, e.g. Processes/Intuiting"),
                                    "reason": string("Why this code fits this passage, in a sentence or two"),
                                    "confidence": .object([
                                        "type": "number", "minimum": 0, "maximum": 1,
                                        "description": "How sure you are, from 0 to 1",
                                    ]),
                                    "new_code": .object([
                                        "type": "boolean",
                                        "description":
                                            "true when code is a new code you propose for the codebook (kept as a note for the researcher, never made); leave out otherwise",
                                    ]),
                                ], required: ["document", "code", "reason", "confidence"]),
                        ]),
                        "model": string("The model making the proposals, e.g. its API name, recorded with each"),
                    ]),
                    "required": .array(["codings"]),
                ])),
        ]

        private static func schema(_ properties: [String: Value], required: [String] = []) -> Value {
            var object: [String: Value] = ["type": "object", "properties": .object(properties)]
            if !required.isEmpty { object["required"] = .array(required.map(Value.string)) }
            return .object(object)
        }

        private static func string(_ description: String) -> Value {
            .object(["type": "string", "description": .string(description)])
        }

        private static func integer(_ description: String) -> Value {
            .object(["type": "integer", "minimum": 0, "description": .string(description)])
        }

        private static func stringList(_ description: String) -> Value {
            .object(["type": "array", "items": .object(["type": "string"]), "description": .string(description)])
        }
    }
#endif
