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
        var vocabulary = FeatureVocabulary()
        let positive = (1...6).map { vocabulary.features(of: "the audit number \($0) went badly".unicodeScalars) }
        let negative = (1...20).map {
            vocabulary.features(of: "we talked about lunch and holiday plans \($0)".unicodeScalars)
        }
        let examples = positive.map { ($0, true) } + negative.map { ($0, false) }
        let size = vocabulary.count
        let model = try #require(SuggestionModel.train(code: "Audit", examples: examples, size: size))
        #expect(model.positives == 6 && model.negatives == 20)
        let another = vocabulary.features(of: "another audit".unicodeScalars)
        #expect(model.score(another) > 0 && model.because(another, in: vocabulary).first == "audit")
        #expect(model.score(vocabulary.features(of: "lunch plans".unicodeScalars)) < 0)
        #expect(SuggestionModel.train(code: "Audit", examples: Array(examples.dropFirst(2)), size: size) == nil)
        // The same examples give the same model and the same reasons, every time.
        #expect(SuggestionModel.train(code: "Audit", examples: examples.reversed(), size: size) == model)
    }

    @Test(
        "the cutoff is where held-out passages, calibrated by isotonic regression (m-estimate), had the code half the time"
    )
    func cutoff() throws {
        let coded = [true, true, false, true, false, false, false, false, false, false]
        let scored = coded.enumerated().map { (score: Double(9 - $0.offset), coded: $0.element) }
        // Pooled in score order: 0–5 none of 6, 6–7 one of 2, 8–9 two of 2. The code's rate is
        // 3 in 10, so with m = 2 the steps' shares are 0.6/8, 1.6/4 and 2.6/4: only 8–9 reach one half.
        let cutoff = SuggestionCutoff(scored, precision: 0.5, m: 2)
        #expect(cutoff.score == 8 && cutoff.suggested == 2 && cutoff.right == 2 && cutoff.positives == 3)
        #expect(cutoff.recall == 2.0 / 3)
        #expect(cutoff.confidence(8.5) == 2.6 / 4 && cutoff.confidence(50) == 2.6 / 4)
        #expect(cutoff.confidence(6.5) == 1.6 / 4 && cutoff.confidence(-3) == 0.6 / 8)
        // One coded passage at the top of twenty is not a cutoff: (1 + 0.1) / 3 < 0.5.
        let lucky = SuggestionCutoff(
            (0..<20).map { (score: Double(20 - $0), coded: $0 == 0) }, precision: 0.5, m: 2)
        #expect(lucky.score == .infinity && lucky.suggested == 0)
        // Held-out passages a fold could not score (no model) are never above a cutoff.
        let unscored = SuggestionCutoff(
            [(score: -.infinity, coded: true), (score: -.infinity, coded: false)], precision: 0.5, m: 2)
        #expect(unscored.score == .infinity && unscored.positives == 1 && unscored.confidence(0) == nil)
    }

    @Test(
        "suggest learns from ana, proposes for the document she has not coded, as assistant:suggest, and says what it skipped"
    )
    func suggestRun() throws {
        let project = try SuggestionProject.make()
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
        // Pooled over both codes: 12 found of 18 coded, nothing suggested wrongly.
        let pooled = evaluation.pooled
        #expect(pooled.both == 12 && pooled.codedOnly == 6 && pooled.suggestedOnly == 0 && pooled.precision == 1)
    }

    @Test("suggest chooses each code's cutoff on the coder's held-out documents, and says how it did there")
    func heldOutCutoff() throws {
        let (project, _) = try Self.project()
        let folder = try Support.temporaryFolder()
        try project.importTranscripts([
            try Support.write(
                "Owner: The audit found problems again. Zebra Gus walked by. Lunch tasted good.", "Firm 5/d5.txt",
                in: folder)
        ])
        let run = try project.suggest(from: "ana", person: "ana")
        let customer = try #require(run.learnt.first { $0.code == "Customer" }?.cutoff)
        // Three audit sentences in each of four documents, every one found when its document was held out.
        #expect(customer.positives == 12 && customer.right == 12 && customer.suggested == 12)
        // Zebra is only in d4: held out, it was never found, so the code suggests nothing.
        let zebra = try #require(run.learnt.first { $0.code == "Processes/Intuiting" }?.cutoff)
        #expect(zebra.score == .infinity && zebra.right == 0)
        let proposals = run.outcome.written.map(\.proposal)
        #expect(proposals.map(\.text) == ["The audit found problems again."] && proposals[0].code == "Customer")
        #expect(proposals[0].model?.contains("m-estimate") == true)
        // Its confidence: the twelve held-out audit sentences, all coded, among 42 passages (m = 2).
        let share: Double = (12 + 2 * 12.0 / 42) / 14
        #expect(proposals[0].confidence == (share * 1000).rounded() / 1000)
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
