import CodingEngine
import Foundation
import Testing
import TestSupport

@Suite("Suggestions learnt from a coder's own codings: the model, and proposals written through the proposal store")
struct SuggestionTests {
    @Test("features are lower-cased words and word pairs, apostrophes kept inside words")
    func features() {
        #expect(
            SuggestionModel.features("We failed the AUDIT, didn't we?")
                == [
                    "we", "failed", "the", "audit", "didn't", "we failed", "failed the", "the audit", "audit didn't",
                    "didn't we",
                ])
    }

    @Test("a word that always marks a code gets it, and is the reason; a code with 4 examples is not learnt")
    func knownAnswers() throws {
        let positive = (1...6).map { SuggestionModel.features("the audit number \($0) went badly") }
        let negative = (1...20).map { SuggestionModel.features("we talked about lunch and holiday plans \($0)") }
        let examples = positive.map { ($0, true) } + negative.map { ($0, false) }
        let model = try #require(SuggestionModel.train(code: "Audit", examples: examples))
        #expect(model.positives == 6 && model.negatives == 20)
        let (yes, because) = model.score(SuggestionModel.features("another audit"))
        #expect(yes > 0 && because.first == "audit")
        #expect(model.score(SuggestionModel.features("lunch plans")).logOdds < 0)
        #expect(SuggestionModel.train(code: "Audit", examples: Array(examples.dropFirst(2))) == nil)
        // The same examples give the same model and the same reasons, every time.
        #expect(SuggestionModel.train(code: "Audit", examples: examples.reversed()) == model)
    }

    static let coded = """
        Interviewer: How did it start?
        Owner: The audit found problems. We failed the audit badly. The audit was a shock. Lunch was good.
        Interviewer: And then?
        Owner: A second audit came. The audit report was long. We ate lunch in town. The weather was fine.
        Interviewer: Anything else?
        Owner: We had a meeting. We had a long day. A friend called. We had a party after.
        """

    static let uncoded = """
        Interviewer: What happened next?
        Owner: The next audit went well. We had a picnic. Nothing else changed.
        """

    static func project() throws -> Project {
        let folder = try Support.temporaryFolder()
        let project = try Project.inMemory(codebook: CodebookFile.parse(Support.smallCodebook, file: "small.yaml"))
        try project.importTranscripts([
            try Support.write(coded, "Firm A/first.txt", in: folder),
            try Support.write(uncoded, "Firm B/second.txt", in: folder),
        ])
        let text = Array(coded.unicodeScalars)
        func range(_ sentence: String) -> TextRange {
            let wanted = Array(sentence.unicodeScalars)
            let start = (0...(text.count - wanted.count)).first { Array(text[$0..<($0 + wanted.count)]) == wanted }!
            return TextRange(start, start + wanted.count)
        }
        for sentence in [
            "The audit found problems.", "We failed the audit badly.", "The audit was a shock.", "A second audit came.",
            "The audit report was long.",
        ] {
            try project.addCodings(document: "first", ranges: [range(sentence)], code: "Customer", coder: "ana")
        }
        // Four codings of another code: too few to learn.
        for sentence in ["Lunch was good.", "We ate lunch in town.", "The weather was fine.", "How did it start?"] {
            try project.addCodings(
                document: "first", ranges: [range(sentence)], code: "Processes/Intuiting", coder: "ana")
        }
        return project
    }

    @Test(
        "suggest learns from ana, proposes for the document she has not coded, as assistant:suggest, and says what it skipped"
    )
    func suggestRun() throws {
        let project = try Self.project()
        let run = try project.suggest(from: "ana", person: "ana")
        #expect(run.learnt.map(\.code) == ["Customer"])
        #expect(run.skipped.map(\.code) == ["Processes/Intuiting"] && run.skipped[0].why.contains("4 example passages"))
        let proposals = run.outcome.written.map(\.proposal)
        #expect(proposals.map(\.text) == ["The next audit went well."])
        let first = try #require(proposals.first)
        #expect(first.assistant == "assistant:suggest" && first.document == "second" && first.code == "Customer")
        #expect(first.reason.hasPrefix("because: audit") && first.confidence > 0.5)
        #expect(first.client == "intertwine suggest" && first.model?.contains("naive Bayes") == true)
        #expect(first.model?.contains("from ana's codings") == true && first.requestSHA256 == run.trainingSHA256)
        #expect(run.trainingSHA256.count == 64 && run.trainingPassages > 10)
        // Rejected, it is an example without the code next time, and is not proposed again.
        try project.decide([.reject(first.id, why: "a good audit is not the customer")], as: "ana")
        let again = try project.suggest(from: "ana", person: "ana")
        #expect(again.outcome.written.isEmpty)
        #expect(again.trainingSHA256 != run.trainingSHA256)
    }
}

@Suite("Evaluating suggestions: k-fold by document, through the agreement engine")
struct SuggestionEvaluationTests {
    /// Four interviews: sentences about audits (coded Customer by ana) among others; the
    /// word "zebra" only in the fourth, coded Processes/Intuiting there six times.
    static func project() throws -> (Project, [String: [TextRange]]) {
        let folder = try Support.temporaryFolder()
        let project = try Project.inMemory(codebook: CodebookFile.parse(Support.smallCodebook, file: "small.yaml"))
        var files: [String] = []
        var texts: [String: String] = [:]
        for index in 1...4 {
            // The audit sentences share no word with the others.
            var sentences = [
                "The audit found problems in \(index).", "Failed the audit again.", "Audit shock followed.",
                "Lunch tasted good.", "Sunny weather today.", "Friends called us.", "Everyone went home early.",
                "Cars needed repairs.", "Our dog seemed ill.",
            ]
            if index == 4 { sentences += ["Ada", "Bob", "Cy", "Dee", "Eve", "Fay"].map { "Zebra \($0) walked by." } }
            let text = "Owner: " + sentences.joined(separator: " ")
            texts["d\(index)"] = text
            files.append(try Support.write(text, "Firm \(index)/d\(index).txt", in: folder))
        }
        try project.importTranscripts(files)
        var audits: [String: [TextRange]] = [:]
        for (name, text) in texts {
            let scalars = ScalarText(text)
            for sentence in Sentences.sentences(in: scalars, within: TextRange(7, scalars.length)) {
                let words = scalars.slice(sentence.start, sentence.end)
                if words.lowercased().contains("audit") {
                    try project.addCodings(document: name, ranges: [sentence], code: "Customer", coder: "ana")
                    audits[name, default: []].append(sentence)
                } else if words.contains("Zebra") {
                    try project.addCodings(
                        document: name, ranges: [sentence], code: "Processes/Intuiting", coder: "ana")
                }
            }
        }
        return (project, audits)
    }

    @Test(
        "a code learnt from other documents is found in the held-out one; a word of one document only is not (no leak)")
    func folds() throws {
        let (project, _) = try Self.project()
        let evaluation = try project.evaluateSuggestions(from: "ana", folds: 4)
        #expect(evaluation.folds == [["d1"], ["d2"], ["d3"], ["d4"]])
        let customer = try #require(evaluation.codes.first { $0.code == "Customer" })
        #expect(customer.both == 12 && customer.codedOnly == 0 && customer.suggestedOnly == 0)
        #expect(customer.precision == 1 && customer.recall == 1 && customer.f1 == 1)
        // zebra is learnt from everything (6 examples), but when d4 is held out no other
        // document has it: the held-out passages are never suggested.
        let zebra = try #require(evaluation.codes.first { $0.code == "Processes/Intuiting" })
        #expect(zebra.both == 0 && zebra.codedOnly == 6 && zebra.recall == 0)
    }

    @Test("the evaluation's alpha and kappa are the agreement engine's on the same codings")
    func sameAsAgree() throws {
        let (project, audits) = try Self.project()
        let evaluation = try project.evaluateSuggestions(from: "ana", codes: ["Customer"], folds: 2)
        // Every audit sentence suggested, nothing else: write the same as a coder and ask agree.
        for (name, ranges) in audits {
            try project.addCodings(document: name, ranges: ranges, code: "Customer", coder: "assistant:same")
        }
        var options = AgreementReport.Options(coders: ["ana", "assistant:same"], codes: ["Customer"])
        options.allDocuments = true
        let direct = try AgreementReport.compute(project, options)
        let engine = try #require(evaluation.agreement.codes.first)
        #expect(engine.figures.krippendorffAlpha == direct.codes[0].figures.krippendorffAlpha)
        #expect(engine.figures.cohenKappa == direct.codes[0].figures.cohenKappa)
        #expect(engine.figures.table == direct.codes[0].figures.table)
        // Nothing of the evaluation was written to the project itself.
        #expect(!(try project.coders()).contains(SuggestionEvaluation.assistant))
    }
}
