import CodingEngine

/// What can go wrong with a team project and its server, in the researcher's words.
public enum TeamError: ResearcherError, Equatable {
    /// An address that is not a team project's (`postgresql://HOST/DATABASE`), and why.
    case invalidAddress(String, reason: String)
    /// A role name PostgreSQL keeps for itself (pg_…).
    case reservedRole(String)
    /// The server cannot be reached, or went away during the action.
    case serverUnavailable(address: String, reason: String)
    /// The server refused the action (an error of its own, in its words).
    case serverRefused(address: String, reason: String)
    case teamProjectMissing(address: String)
    case teamProjectExists(address: String)
    /// The server's project is older than this intertwine, and only its owner may
    /// bring it up to date (`changes` to make).
    case upgradeNeeded(address: String, owner: String, changes: Int)
    /// The coder's role may not do this; `who` says who may.
    case teamNotAllowed(address: String, what: String, who: String)
    /// Another write held the project's write lock for `seconds`: `writers` names whose.
    case projectBusy(address: String, writers: String, seconds: Int64)
    /// The server went away while committing and did not come back in `seconds` to
    /// say whether the change was saved.
    case commitUnknown(address: String, seconds: Int64)

    public var description: String {
        switch self {
        case .reservedRole(let name):
            return
                "\(name): PostgreSQL keeps role names starting with pg_ for itself; choose another name for the coder"
        case .invalidAddress(let address, let reason):
            return "\(address): not a team project's address: \(reason)"
        case .serverUnavailable(let address, let reason):
            return
                "\(address): the server cannot be reached (\(reason)); nothing was saved. Check that it is running and try again"
        case .serverRefused(let address, let reason):
            return "\(address): the server refused: \(reason); nothing was saved"
        case .teamProjectMissing(let address):
            return
                "no team project at \(address): create one with `intertwine init --project \(address)`, or move a file project there with `intertwine push FILE --to \(address)`"
        case .upgradeNeeded(let address, let owner, let changes):
            return
                "\(address): the team project was made by an older intertwine and needs \(Words.count(changes, "change")) that only its owner, \(owner), may make: ask \(owner) to open it once with this version (for example `intertwine stats --project \(address)`), then try again. Nothing was changed"
        case .teamProjectExists(let address):
            return "a team project already exists at \(address): it was left as it is"
        case .teamNotAllowed(let address, let what, let who):
            return "\(address): \(what) is not allowed for your role; \(who). Nothing was saved"
        case .projectBusy(let address, let writers, let seconds):
            return
                "\(address): the project is being written by \(writers), whose write has not finished within \(seconds) s; nothing was saved. Try again in a moment (or ask \(writers) to finish)"
        case .commitUnknown(let address, let seconds):
            return
                "\(address): the server went away while saving and was not back within \(seconds) s, so whether this change was saved is not known; once the server is back, the listings (or the workbench) show whether it is there"
        }
    }

    public var workbenchDescription: String {
        switch self {
        case .serverUnavailable(_, let reason): return "server gone (\(reason)): not saved; reconnecting"
        case .teamNotAllowed(_, let what, let who): return "\(what): not allowed for your role; \(who)"
        case .projectBusy(_, let writers, _): return "busy: \(writers) is writing; not saved, try again"
        case .commitUnknown: return "server gone while saving: whether it was saved shows when it is back"
        default: return description
        }
    }
}
