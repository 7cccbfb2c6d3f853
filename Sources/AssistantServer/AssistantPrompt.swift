#if AIAssistant
    import CodingEngine
    import Foundation
    import MCP

    /// The prompt a client offers its user ("code this interview with the codebook"), and
    /// each document's text as a resource.
    enum AssistantPrompt {
        static let all = [
            Prompt(
                name: "code_interview", title: "Code an interview with the codebook",
                description:
                    "Asks the model to read one interview and propose codings with the project's codebook, for the researcher to review.",
                arguments: [.init(name: "document", description: "The interview's document name", required: true)])
        ]

        static func text(document: String) -> String {
            """
            Code the interview "\(document)" in this intertwine project with its codebook.

            1. Call list_codebook and read each code's definition and examples.
            2. Read the interview with read_passage (document "\(document)"), turn by turn, continuing from "next" until the end.
            3. For each passage that fits a code, propose a coding with propose_codings: the document, the passage's start and end offsets and its exact text as quote, the code's path, a one- or two-sentence reason tied to the code's definition, and your confidence from 0 to 1. Send at most 20 proposals per call.
            4. Fix and resend any proposal that comes back refused, as its problem says.

            Use only codes from the codebook; if a passage needs a code the codebook lacks, say so in your reply instead of proposing it. Code meaningful passages (usually a sentence to a few sentences), not single words. Check list_codings first: do not propose a code the researcher rejected for a passage.
            """
        }
    }

    extension AssistantSession {
        static let resourcePrefix = "intertwine://document/"

        func resources() throws -> [Resource] {
            var shown = try AssistantPseudonyms.of(project)
            return try project.documents().map { info in
                let name = shown?(info.name) ?? info.name, caseName = shown?(info.caseName) ?? info.caseName
                let length = try shown?.text(info.name).text.unicodeScalars.count ?? info.length
                return Resource(
                    name: name, uri: Self.resourcePrefix + Self.escaped(name),
                    description: "The interview \(name) (case \(caseName)), \(length) Unicode scalars",
                    mimeType: "text/plain")
            }
        }

        func resource(_ uri: String) throws -> Resource.Content {
            guard uri.hasPrefix(Self.resourcePrefix),
                let name = String(uri.dropFirst(Self.resourcePrefix.count)).removingPercentEncoding
            else {
                throw MCPError.invalidParams("no resource \(uri); resources/list gives the documents' addresses")
            }
            do {
                if var shown = try AssistantPseudonyms.of(project) {
                    return .text(
                        try shown.document(shown.storedDocument(name)).document.text, uri: uri, mimeType: "text/plain")
                }
                return .text(try project.document(named: name).text, uri: uri, mimeType: "text/plain")
            } catch {
                throw MCPError.invalidParams("\(error)")
            }
        }

        func prompt(_ name: String, _ arguments: [String: String]?) throws -> GetPrompt.Result {
            guard name == "code_interview" else {
                throw MCPError.invalidParams("no prompt \(name); the prompt is code_interview")
            }
            guard let document = arguments?["document"], !document.isEmpty else {
                throw MCPError.invalidParams("code_interview needs the argument document")
            }
            let found: Document
            let shown = try AssistantPseudonyms.of(project)
            do { found = try project.document(named: shown?.storedDocument(document) ?? document) } catch {
                throw MCPError.invalidParams("\(error)")
            }
            return .init(
                description: "Code \(found.name) with the codebook",
                messages: [.user(.text(text: AssistantPrompt.text(document: shown?(found.name) ?? found.name)))])
        }

        private static func escaped(_ name: String) -> String {
            name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? name
        }
    }
#endif
