import ArgumentParser
import CodingEngine
import Exchange
import Foundation
import GRDB

/// Every error as the one line the researcher reads: intertwine's own errors as
/// they are, SQLite's and Foundation's put in intertwine's words (never
/// "NSCocoaErrorDomain error 512").
enum ErrorMessage {
    static func describe(_ error: Error) -> String {
        switch error {
        case let error as any ResearcherError: return error.description
        case let error as ExchangeError: return error.description
        case let error as ValidationError: return error.message
        case let error as DatabaseError:
            if case .SQLITE_FULL = error.resultCode {
                return "the disk is full; nothing was written. Free some space and try again"
            }
            return "the project could not be read or written: \(error.message ?? error.resultCode.description)"
        case let error as CocoaError: return cocoa(error)
        default:
            let text = "\(error)"
            return text.isEmpty ? "an unexpected problem; nothing was changed" : text
        }
    }

    private static func cocoa(_ error: CocoaError) -> String {
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? error.filePath ?? error.url?.path ?? "a file"
        switch error.code {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "\(path): no such file or folder"
        case .fileReadNoPermission: return "\(path): cannot be read (permission denied)"
        case .fileWriteNoPermission, .fileWriteVolumeReadOnly:
            return "\(path) cannot be written (permission denied or a read-only disk)"
        case .fileWriteOutOfSpace:
            return "\(path): the disk is full; nothing was written. Free some space and try again"
        case .fileWriteFileExists: return "\(path) already exists; choose another name"
        case .fileReadCorruptFile, .fileReadInapplicableStringEncoding:
            return "\(path): cannot be read (damaged or not text)"
        case .fileReadTooLarge: return "\(path): too large to read"
        default: return "\(path): cannot be read or written (\(error.code.rawValue))"
        }
    }
}
