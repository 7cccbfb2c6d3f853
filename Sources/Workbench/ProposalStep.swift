import CodingEngine

/// A decision on an AI assistant's proposal as the workbench makes and undoes it: the
/// proposal, what it was and what it becomes.
public struct ProposalStep: Equatable, Sendable {
    /// Where a proposal stands.
    public enum Decision: Equatable, Sendable {
        case pending
        /// Accepted as the person's coding of this passage (its boundaries as adjusted).
        case accepted(TextRange)
        /// Rejected, with why when the person said.
        case rejected(why: String?)
    }

    public var proposal: Proposal
    /// The person deciding.
    public var coder: String
    public var from: Decision
    public var to: Decision

    public init(_ proposal: Proposal, coder: String, from: Decision, to: Decision) {
        self.proposal = proposal
        self.coder = coder
        self.from = from
        self.to = to
    }

    /// The step back (undo), or forward again (redo).
    var inverse: ProposalStep { ProposalStep(proposal, coder: coder, from: to, to: from) }

    /// What the engine is asked to do. A step between two decisions goes through
    /// pending: undoing an acceptance reopens it (its coding goes).
    var decision: Project.ProposalDecision {
        switch to {
        case .pending: .reopen(proposal.id)
        case .accepted(let range): .accept(proposal.id, range: range)
        case .rejected(let why): .reject(proposal.id, why: why)
        }
    }

    /// The person's coding an acceptance adds or its undoing removes (for the counts).
    var codings: [NewCoding] {
        let range: TextRange? =
            switch (from, to) {
            case (_, .accepted(let range)), (.accepted(let range), _): range
            default: nil
            }
        return range.map { [NewCoding(document: proposal.document, range: $0, code: proposal.code, coder: coder)] }
            ?? []
    }

    /// What the step did, for the status bar.
    var description: String {
        let what = "\(proposal.code) from \(proposal.assistant)"
        switch to {
        case .accepted: return "accepted \(what): now your coding · u undoes"
        case .rejected(let why): return "rejected \(what)\(why == nil ? "" : " (why kept)") · u undoes"
        case .pending: return "\(what) is pending again"
        }
    }
}
