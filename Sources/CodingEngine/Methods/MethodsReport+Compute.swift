extension MethodsReport {
    /// Reads the report from a project: `agree`'s figures with its defaults (1,000
    /// resamples, seed 1), the consensus as `consensus` would find it (nothing
    /// written), the proposals as `proposals` lists them.
    public static func compute(_ project: Project, _ options: Options) throws -> MethodsReport {
        let names = try project.coderNames()
        let spans = try project.codingSpans(coder: nil)
        let consensusCoders = try project.consensusCoders()
        let people = CodersShown.ordered(Set(spans.compactMap { names[$0.coderID] }))
            .filter { !consensusCoders.contains($0) && !Assistant.isAssistant($0) }
        let coders = options.coders.isEmpty ? people : try CoderList.checked(options.coders.map(Name.trimmed))
        let agreement =
            coders.count >= 2
            ? try AgreementReport.compute(
                project, AgreementReport.Options(coders: coders, bootstrap: options.bootstrap)) : nil
        return MethodsReport(
            options: options, coders: coders, corpus: try corpus(project),
            codebook: try codebook(project, appendix: options.appendix),
            work: try CoderWork.compute(project, coders: coders, names: names, spans: spans), agreement: agreement,
            settling: coders.count == 2 ? try settling(project, coders: coders, consensus: options.consensus) : nil,
            assistants: try assistants(project, coders: coders, bootstrap: options.bootstrap))
    }

    static func corpus(_ project: Project) throws -> Corpus {
        let documents = try project.documentSizes()
        let words = try documents.map { (document: $0.name, words: try project.words(ofDocument: $0.id)) }
        return Corpus(cases: try project.cases().map(\.name), wordsPerDocument: words)
    }

    static func codebook(_ project: Project, appendix: String) throws -> CodebookSummary {
        let codebook = try project.codebook()
        var folders: [(folder: String, codes: Int)] = []
        for code in codebook.codes where code.codable {
            var root = code
            while let parent = root.parentID.flatMap(codebook.code(id:)) { root = parent }
            if let index = folders.firstIndex(where: { $0.folder == root.path }) {
                folders[index].codes += 1
            } else {
                folders.append((root.path, 1))
            }
        }
        return CodebookSummary(
            name: try project.info("codebook").flatMap { $0.isEmpty ? nil : $0 },
            codes: codebook.codes.filter(\.codable).count, folders: folders,
            changes: try project.history([.code, .coding]), appendix: appendix)
    }

    static func settling(_ project: Project, coders: [String], consensus: String) throws -> Settling {
        let overlap = try project.consensusOverlap(consensus: consensus)
        let (status, _) = try ConsensusReport.status(
            project, Project.ConsensusOptions(coders: coders, consensus: consensus, overlap: overlap))
        let settled = status.codes.reduce(0) { $0 + $1.settled }
        return Settling(
            coders: coders, consensus: Name.trimmed(consensus), agreed: status.codes.reduce(0) { $0 + $1.agreed },
            nearlyAlike: status.nearlyAlike, decisions: status.decisions,
            settledByCoding: settled - status.decisions.values.reduce(0, +),
            unsettled: status.codes.reduce(0) { $0 + $1.unsettled }, pending: status.pending, overlap: overlap,
            exists: status.exists, complete: status.complete)
    }

    static func assistants(_ project: Project, coders: [String], bootstrap: AgreementBootstrap.Options) throws
        -> [AssistantShare]
    {
        let proposals = try project.proposals()
        let byAssistant = Dictionary(grouping: proposals, by: \.assistant)
        return try byAssistant.keys.sorted().map { assistant in
            let own = byAssistant[assistant] ?? []
            let codes = Set(own.map(\.code)).sorted()
            let agreement = try coders.map { coder in
                var compared = AgreementReport.Options(coders: [assistant, coder], codes: codes, bootstrap: bootstrap)
                compared.excludeAssisted = true
                return (coder: coder, report: try AgreementReport.compute(project, compared))
            }
            var madeWith: [String] = []
            for proposal in own where !madeWith.contains(proposal.madeWith) { madeWith.append(proposal.madeWith) }
            return AssistantShare(
                assistant: assistant, madeWith: madeWith, proposals: own.count,
                accepted: own.filter { $0.status == .accepted }.count,
                rejected: own.filter { $0.status == .rejected }.count,
                pending: own.filter { $0.status == .pending }.count, codes: codes, agreement: agreement)
        }
    }
}
