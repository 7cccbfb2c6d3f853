/// Which codings a listing or an analysis takes. Empty lists mean "all".
public struct CodingFilter: Equatable, Sendable {
    public var coders: [String]
    /// Code paths; each includes the codes below it.
    public var codes: [String]
    public var cases: [String]
    public var documents: [String]
    /// Who is looking: while blind coding is on, they see only their own codings and
    /// others' of documents they marked done. Nil: everything (analyses, exports of the project).
    public var viewer: String?

    public init(
        coders: [String] = [], codes: [String] = [], cases: [String] = [], documents: [String] = [],
        viewer: String? = nil
    ) {
        self.viewer = viewer.map(Name.normalized)
        self.coders = coders.map(Name.normalized)
        self.codes = codes.map(Name.normalized)
        self.cases = cases.map(Name.normalized)
        self.documents = documents.map(Name.normalized)
    }
}
