import CodingEngine

/// `methods --format json`: every figure of the methods report, each part in the
/// shape of the command that prints it (`agreement` is `agree --format json`'s).
enum MethodsOutput {
    static func json(_ report: MethodsReport) -> JSONValue {
        let corpus = report.corpus
        let book = report.codebook
        let extreme = { (pair: (document: String, words: Int)?) -> JSONValue in
            pair.map { .object([("document", .string($0.document)), ("words", .int($0.words))]) } ?? .null
        }
        var pairs: [(String, JSONValue)] = [
            ("coders", .array(report.coders.map(JSONValue.string))),
            (
                "corpus",
                .object([
                    ("documents", .int(corpus.documents)), ("cases", .array(corpus.cases.map(JSONValue.string))),
                    ("words", .int(corpus.words)),
                    (
                        "words_per_document",
                        .array(
                            corpus.wordsPerDocument.map {
                                .object([("document", .string($0.document)), ("words", .int($0.words))])
                            })
                    ),
                    ("shortest", extreme(corpus.shortest)), ("longest", extreme(corpus.longest)),
                ])
            ),
            (
                "codebook",
                .object([
                    ("name", book.name.map(JSONValue.string) ?? .null), ("codes", .int(book.codes)),
                    (
                        "folders",
                        .array(
                            book.folders.map { .object([("folder", .string($0.folder)), ("codes", .int($0.codes))]) })
                    ),
                    ("changes", .int(book.changes.count)),
                    ("first_change", book.changes.first.map { .string($0.at) } ?? .null),
                    ("last_change", book.changes.last.map { .string($0.at) } ?? .null),
                    (
                        "history",
                        .array(
                            book.changes.map {
                                .object([
                                    ("at", .string($0.at)), ("who", .string($0.who)),
                                    ("operation", .string($0.operation)), ("subject", .string($0.subject)),
                                    ("codings", .int($0.codings)), ("detail", .string($0.detail)),
                                ])
                            })
                    ),
                    ("appendix", .string(book.appendix)),
                ])
            ),
            (
                "coding",
                .array(
                    report.work.map {
                        .object([
                            ("coder", .string($0.coder)), ("documents", .int($0.documents)),
                            ("codings", .int($0.codings)), ("blind", .int($0.blind)),
                            ("seeing_others", .int($0.seeingOthers)), ("not_recorded", .int($0.unknown)),
                            ("accepted", .int($0.accepted)),
                        ])
                    })
            ),
            ("agreement", report.agreement.map(agreement) ?? .null),
        ]
        if let settling = report.settling {
            pairs.append(
                (
                    "settling",
                    .object([
                        ("coders", .array(settling.coders.map(JSONValue.string))),
                        ("consensus", .string(settling.consensus)), ("stretches", .int(settling.stretches)),
                        ("agreed", .int(settling.agreed)), ("nearly_alike", .int(settling.nearlyAlike)),
                        ("settled", .int(settling.settled)),
                        (
                            "decisions",
                            .object(
                                Settlement.Decision.allCases.map { ($0.rawValue, .int(settling.decisions[$0] ?? 0)) })
                        ),
                        ("settled_by_coding", .int(settling.settledByCoding)),
                        ("unsettled", .int(settling.unsettled)), ("pending", .int(settling.pending)),
                        ("overlap", settling.overlap.map(JSONValue.double) ?? .null),
                        ("exists", .bool(settling.exists)), ("complete", .bool(settling.complete)),
                    ])
                ))
        } else {
            pairs.append(("settling", .null))
        }
        pairs.append(
            (
                "assistants",
                .array(
                    report.assistants.map { share in
                        .object([
                            ("assistant", .string(share.assistant)),
                            ("made_with", .array(share.madeWith.map(JSONValue.string))),
                            ("proposals", .int(share.proposals)), ("accepted", .int(share.accepted)),
                            ("rejected", .int(share.rejected)), ("pending", .int(share.pending)),
                            ("codes", .array(share.codes.map(JSONValue.string))),
                            (
                                "agreement",
                                .array(
                                    share.agreement.map {
                                        .object([("coder", .string($0.coder)), ("report", agreement($0.report))])
                                    })
                            ),
                        ])
                    })
            ))
        return .object(pairs)
    }

    /// `agree --format json`'s shape, with the compared documents named.
    static func agreement(_ report: AgreementReport) -> JSONValue {
        guard case .object(var pairs) = AgreementOutput.json(report, byDocument: false) else {
            return AgreementOutput.json(report, byDocument: false)
        }
        pairs.append(("documents_compared", .array(report.documents.map(JSONValue.string))))
        return .object(pairs)
    }
}
