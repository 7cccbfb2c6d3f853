import CodingEngine

/// What the agreement and review screens show, computed from the store.
enum ReviewData {
    /// Characters of context shown on either side of a disagreement.
    static let context = 160

    /// One row per code, worst alpha first (undefined last), with the consensus
    /// coder's progress on the code's disagreements.
    static func rows(_ store: some WorkbenchStore, coders: [String], consensus: String) throws -> [AgreementRow] {
        let report = try AgreementReport.compute(store, AgreementReport.Options(coders: coders))
        let disputed = try Disagreement.find(store, coders: coders).filter { $0.kind != .exact }
        let settled = try consensusCodings(store, consensus)
        return report.codes.map { code in
            let mine = disputed.filter { $0.code == code.code }
            return AgreementRow(code: code.code, alpha: code.figures.krippendorffAlpha, percentAgreement: code.figures.percentAgreement,
                                kappa: code.figures.cohenKappa, gwet: code.figures.gwetAC1, table: code.figures.table,
                                disagreements: mine.count, settled: mine.filter { isSettled($0, settled) }.count)
        }.sorted { ($0.alpha ?? 2, $0.code) < ($1.alpha ?? 2, $1.code) }
    }

    /// The code's disputed stretches in review order, with their text around them.
    static func items(_ store: some WorkbenchStore, coders: [String], code: String, consensus: String) throws -> [ReviewItem] {
        let found = try Disagreement.find(store, coders: coders, codes: [code]).filter { $0.kind != .exact }
        let settled = try consensusCodings(store, consensus)
        var texts: [String: ScalarText] = [:]
        return try found.map { d in
            if texts[d.document] == nil { texts[d.document] = ScalarText(try store.document(named: d.document).text) }
            let text = texts[d.document]!
            let start = max(0, d.range.start - context), end = min(text.length, d.range.end + context)
            return ReviewItem(disagreement: d, text: ScalarText(text.slice(start, end)), textStart: start,
                              settled: isSettled(d, settled))
        }
    }

    static func consensusCodings(_ store: some WorkbenchStore, _ consensus: String) throws -> [Coding] {
        guard try store.coderNames().values.contains(consensus) else { return [] }
        return try store.codings(CodingFilter(coders: [consensus]), includeText: false)
    }

    static func isSettled(_ d: Disagreement, _ consensus: [Coding]) -> Bool {
        consensus.contains { $0.code == d.code && $0.document == d.document && $0.range.overlaps(d.range) }
    }
}
