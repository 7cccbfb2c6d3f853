import CodingEngine

/// What the agreement and review screens show, computed from the store.
enum ReviewData {
    /// Characters of context shown on either side of a disagreement.
    static let context = 160

    /// One row per code, worst alpha first (undefined last), with the consensus
    /// coder's progress on the code's disagreements; and the documents left out.
    static func rows(_ store: some WorkbenchStore, _ comparison: Comparison, consensus: String) throws -> (
        rows: [AgreementRow], leftOut: [LeftOutDocument]
    ) {
        let report = try AgreementReport.compute(
            store, AgreementReport.Options(coders: comparison.coders, documents: comparison.documents))
        let disputed = try Disagreement.find(store, coders: comparison.coders, documents: comparison.documents).filter {
            $0.kind != .exact
        }
        let record = try ConsensusRecord(store, coders: comparison.coders, consensus: consensus)
        let rows = report.codes.map { code in
            let mine = disputed.filter { $0.code == code.code }
            return AgreementRow(
                code: code.code, alpha: code.figures.krippendorffAlpha, percentAgreement: code.figures.percentAgreement,
                kappa: code.figures.cohenKappa, gwet: code.figures.gwetAC1, table: code.figures.table,
                disagreements: mine.count, settled: mine.filter(record.isSettled).count)
        }.sorted { ($0.alpha ?? 2, $0.code) < ($1.alpha ?? 2, $1.code) }
        return (rows, report.leftOut)
    }

    /// The code's disputed stretches in review order, with their text around them.
    static func items(_ store: some WorkbenchStore, _ comparison: Comparison, code: String, consensus: String) throws
        -> [ReviewItem]
    {
        let found = try Disagreement.find(
            store, coders: comparison.coders, codes: [code], documents: comparison.documents
        )
        .filter { $0.kind != .exact && $0.code == code }
        let record = try ConsensusRecord(store, coders: comparison.coders, consensus: consensus)
        var texts: [String: ScalarText] = [:]
        return try found.map { d in
            let text = try texts.cached(d.document) { ScalarText(try store.document(named: d.document).text) }
            let start = max(0, d.range.start - context), end = min(text.length, d.range.end + context)
            return ReviewItem(
                disagreement: d, text: ScalarText(text.slice(start, end)), textStart: start,
                settledHow: record.howSettled(d))
        }
    }
}
