import ArgumentParser
import CodingEngine
import Foundation
import GRDB

/// How intertwine ends, for scripts (the README's "Exit statuses" lists them).
enum ExitStatus: Int32 {
    /// Done.
    case done = 0
    /// The input or the request was refused (an unknown code, a malformed file, a name
    /// taken); the project is as it was.
    case refused = 1
    /// The command line is wrong: an unknown command or option, a missing or extra
    /// argument, options that do not go together.
    case usage = 2
    /// Something could not be written: the disk is full, permission was denied, a
    /// read-only file; nothing was written.
    case cannotWrite = 3

    /// The status an error ends with.
    static func of(_ error: Error) -> ExitStatus {
        switch error {
        case is ValidationError: return .usage
        case let error as EngineError:
            switch error {
            case .diskFull, .cannotWrite, .projectReadOnly: return .cannotWrite
            default: return .refused
            }
        case let error as DatabaseError:
            return error.resultCode == .SQLITE_FULL || error.resultCode == .SQLITE_READONLY
                || error.resultCode == .SQLITE_IOERR
                || error.resultCode == .SQLITE_CANTOPEN ? .cannotWrite : .refused
        case let error as CocoaError:
            switch error.code {
            case .fileWriteNoPermission, .fileWriteVolumeReadOnly, .fileWriteOutOfSpace, .fileWriteUnknown:
                return .cannotWrite
            default: return .refused
            }
        default: return .refused
        }
    }
}
