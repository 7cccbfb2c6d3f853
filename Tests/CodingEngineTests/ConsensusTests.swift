import CodingEngine
import Testing
import TestSupport

/// The consensus coding built from two coders.
@Suite("The consensus coding")
struct ConsensusTests {
    @Test(
        "stretches coded alike are written as the consensus coder, settled ones kept, the rest listed; a rerun adds nothing"
    )
    func build() throws {
        let project = try QueryTests.project()
        // Alike: both code "nine ten" as Customer. Unlike: ana's "one two three" and ben's "six seven" as Intuiting.
        let nine = try #require(project.codings(CodingFilter(coders: ["ana"], codes: ["Customer"])).first)
        try project.addCodings([NewCoding(document: "d1", range: nine.range, code: "Customer", coder: "ben")])
        let dry = try project.buildConsensus(coders: ["ana", "ben"], writing: false)
        #expect(!dry.exists && dry.pending == 1 && dry.written == 0)
        #expect(try project.codings(CodingFilter(coders: ["consensus"])).isEmpty)
        #expect(dry.summary(coders: ["ana", "ben"], as: "consensus").hasPrefix("consensus: none yet"))
        let first = try project.buildConsensus(coders: ["ana", "ben"])
        #expect(first.written == 1 && first.kept == 0)
        #expect(try project.codings(CodingFilter(coders: ["consensus"])).map(\.text) == ["nine ten"])
        let intuiting = try #require(first.codes.first { $0.code == "Processes/Intuiting" })
        // d1: two stretches; d2, which ben never coded, left out
        #expect(intuiting.agreed == 0 && intuiting.unsettled == 2)
        #expect(first.leftOut.map(\.document) == ["d2"])
        #expect(!first.complete)
        // Settling one (as the review does: a consensus coding in the stretch) keeps it.
        let six = try #require(project.codings(CodingFilter(coders: ["ben"], codes: ["Processes/Intuiting"])).first)
        try project.addCodings([
            NewCoding(document: "d1", range: six.range, code: "Processes/Intuiting", coder: "consensus")
        ])
        let second = try project.buildConsensus(coders: ["ana", "ben"])
        #expect(second.written == 0 && second.kept == 2)
        #expect(second.codes.first { $0.code == "Processes/Intuiting" }?.settled == 1)
        #expect(second.unsettled.count == first.unsettled.count - 1)
        let status = try project.buildConsensus(coders: ["ana", "ben"], writing: false)
        #expect(status.exists && status.pending == 0 && !status.complete)
        #expect(
            status.summary(coders: ["ana", "ben"], as: "consensus")
                == "consensus (consensus): 2 of 4 stretches agreed or settled; 2 still to settle (the workbench: a, then Enter; or `intertwine settle`)"
        )
        // In the workbench, which is where one settles, the hint is left out.
        #expect(
            status.summary(coders: ["ana", "ben"], as: "consensus", how: "W")
                == "consensus (consensus): 2 of 4 stretches agreed or settled; 2 still to settle")
        #expect(throws: EngineError.consensusCoderTaken("ana", reason: "that is ana, one of the coders compared")) {
            try project.buildConsensus(coders: ["ana", "ben"], as: "ana")
        }
    }

    /// The scalar range of `words` in `text`.
    static func range(_ words: String, in text: String) -> TextRange {
        let found = text.range(of: words)!
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: found.lowerBound)
        return TextRange(start, start + words.unicodeScalars.count)
    }

    /// QueryTests' two interviews with ben coding both: one stretch alike, and four
    /// disputed ones (a partial and a ben-only stretch of Intuiting and an ana-only one of
    /// Interpreting in d1, a partial one of Intuiting in d2).
    static func disputed() throws -> Project {
        let project = try QueryTests.project()
        let d1 = QueryTests.first, d2 = QueryTests.second
        try project.addCodings([
            NewCoding(document: "d1", range: range("nine ten", in: d1), code: "Customer", coder: "ben"),
            NewCoding(document: "d1", range: range("one two", in: d1), code: "Processes/Intuiting", coder: "ben"),
            NewCoding(
                document: "d2", range: range("twelve thirteen", in: d2), code: "Processes/Intuiting", coder: "ben"),
        ])
        return project
    }

    @Test(
        "settling every stretch, neither included, completes the consensus, which holds exactly the characters decided")
    func settlingComplete() throws {
        let project = try Self.disputed()
        let d1 = QueryTests.first, d2 = QueryTests.second
        let before = try project.buildConsensus(coders: ["ana", "ben"])
        #expect(before.unsettled.count == 4 && before.written == 1 && !before.complete)
        let coders = ["ana", "ben"]
        func settle(
            _ document: String, _ code: String, at words: String, in text: String, _ keep: Settlement.Decision,
            why: String? = nil
        ) throws -> Settlement {
            try project.settle(
                coders: coders, document: document, code: code, at: Self.range(words, in: text).start, keep: keep,
                why: why, by: "lena")
        }
        let second = try settle("d1", "Processes/Intuiting", at: "two", in: d1, .second)
        #expect(second.ranges == [Self.range("one two", in: d1)] && second.range == Self.range("one two three", in: d1))
        let neither = try settle(
            "d1", "Processes/Intuiting", at: "seven", in: d1, .neither, why: "  not a hunch: a plan  ")
        #expect(neither.ranges.isEmpty && neither.why == "not a hunch: a plan" && neither.who == "lena")
        _ = try settle("d1", "Processes/Interpreting", at: "four", in: d1, .first)
        let common = try settle("d2", "Processes/Intuiting", at: "eleven", in: d2, .common)
        #expect(common.ranges == [Self.range("twelve", in: d2)])

        let after = try project.buildConsensus(coders: ["ana", "ben"])
        #expect(after.unsettled.isEmpty && after.complete && after.written == 0)
        #expect(after.decisions == [.second: 1, .neither: 1, .first: 1, .common: 1])
        #expect(
            after.decisionSummary(coders: coders)
                == "settled by decision: 1 kept ana's, 1 kept ben's, 1 common part, 1 neither")
        #expect(
            after.summary(coders: coders, as: "consensus")
                == "consensus (consensus): complete: every stretch is agreed or settled")
        // Exactly the characters decided: none where it was neither, a coder's own where it was theirs.
        let held = try project.codings(CodingFilter(coders: ["consensus"])).map {
            "\($0.document) \($0.code) \($0.text)"
        }
        #expect(
            held.sorted() == [
                "d1 Customer nine ten", "d1 Processes/Interpreting three four five", "d1 Processes/Intuiting one two",
                "d2 Processes/Intuiting twelve",
            ])
        // The decisions are kept, in the order the pair is asked for.
        let kept = try project.settlements(coders: ["ben", "ana"], consensus: "consensus")
        #expect(kept.count == 4 && kept[0].decision == .first && kept[0].coders == ["ben", "ana"])
    }

    @Test("settle refuses what it cannot decide, says where the disputes are, and undoes a decision with what it wrote")
    func settleRefusalsAndUndo() throws {
        let project = try Self.disputed()
        let d1 = QueryTests.first
        let coders = ["ana", "ben"]
        let seven = Self.range("seven", in: d1).start
        let settled = try project.settle(
            coders: coders, document: "d1", code: "Processes/Intuiting", at: seven, keep: .second, by: "lena")
        #expect(try project.codings(CodingFilter(coders: ["consensus"])).map(\.text) == ["six seven"])
        #expect {
            try project.settle(
                coders: coders, document: "d1", code: "Processes/Intuiting", at: seven, keep: .neither, by: "lena")
        } throws: { error in
            guard case EngineError.alreadySettled(_, let how) = error else { return false }
            return how.hasPrefix("kept ben's, by lena on ")
        }
        // Where the coders agree, or nobody coded: nothing to settle, and the nearest dispute named.
        #expect {
            try project.settle(
                coders: coders, document: "d1", code: "Customer", at: Self.range("nine", in: d1).start, keep: .neither,
                by: "lena")
        } throws: { error in
            guard case EngineError.noDisputedStretch(_, _, _, _, let agreed, _, _) = error else { return false }
            return agreed && "\(error)".contains("coded Customer alike")
        }
        #expect {
            try project.settle(
                coders: coders, document: "d1", code: "Processes/Intuiting", at: 0, keep: .neither, by: "lena")
        } throws: { error in
            "\(error)".contains("the nearest disputed stretch is [\(Self.range("one two three", in: d1).start), ")
        }
        #expect(throws: EngineError.codeNotCodable("Processes")) {
            try project.settle(coders: coders, document: "d1", code: "Processes", at: seven, keep: .neither, by: "lena")
        }
        // Undo: the decision and its consensus coding go; the stretch is unsettled again.
        let undone = try project.unsettle(coders: coders, document: "d1", code: "Processes/Intuiting", at: seven)
        #expect(undone.guid == settled.guid)
        #expect(try project.codings(CodingFilter(coders: ["consensus"])).isEmpty)
        #expect(try project.settlements().isEmpty)
        #expect(throws: EngineError.self) {
            try project.unsettle(coders: coders, document: "d1", code: "Processes/Intuiting", at: seven)
        }
    }

    @Test("--overlap: near-identical codings count as agreed and their common part is written")
    func overlapRule() throws {
        let folder = try Support.temporaryFolder()
        let project = try Support.project()
        let text = "A: one two three four five six seven eight nine ten eleven twelve."
        try project.importTranscripts([try Support.write(text, "K/d.txt", in: folder)])
        let ana = Self.range("one two three four five six seven eight nine ten", in: text)
        let ben = Self.range("two three four five six seven eight nine ten", in: text)
        try project.addCodings([
            NewCoding(document: "d", range: ana, code: "Processes/Intuiting", coder: "ana"),
            NewCoding(document: "d", range: ben, code: "Processes/Intuiting", coder: "ben"),
        ])
        let share = Double(ben.length) / Double(ana.length) // 44 of 48 characters: 0.917
        let strict = try project.buildConsensus(.init(coders: ["ana", "ben"], overlap: 0.95), writing: false)
        #expect(strict.unsettled.count == 1 && strict.nearlyAlike == 0)
        let maxqda = try project.buildConsensus(.init(coders: ["ana", "ben"], overlap: 0.9))
        #expect(share >= 0.9 && maxqda.nearlyAlike == 1 && maxqda.unsettled.isEmpty && maxqda.complete)
        #expect(try project.codings(CodingFilter(coders: ["consensus"])).map(\.range) == [ben])
        #expect(throws: EngineError.badOverlap("1.5")) {
            try project.buildConsensus(.init(coders: ["ana", "ben"], overlap: 1.5))
        }
    }

    @Test(
        "a decision follows its code and document: merged codes carry it; deleting the code or the document takes it, and undo brings it back"
    )
    func decisionsFollowTheCodebook() throws {
        let project = try Self.disputed()
        let seven = Self.range("seven", in: QueryTests.first).start
        try project.settle(
            coders: ["ana", "ben"], document: "d1", code: "Processes/Intuiting", at: seven, keep: .neither, by: "lena")
        let deleted = try project.deleteCode("Processes/Intuiting", withCodings: true, by: "lena")
        #expect(try project.settlements().isEmpty)
        try project.undo(deleted, by: "lena", reverse: true)
        #expect(try project.settlements().map(\.code) == ["Processes/Intuiting"])
        let removed = try project.removeDocument("d1", by: "lena")
        #expect(try project.settlements().isEmpty)
        try project.undo(removed, by: "lena", reverse: true)
        #expect(try project.settlements().map(\.document) == ["d1"])
        try project.mergeCodes(["Processes/Intuiting"], into: "Processes/Interpreting", by: "lena")
        #expect(try project.settlements().map(\.code) == ["Processes/Interpreting"])
    }
}
