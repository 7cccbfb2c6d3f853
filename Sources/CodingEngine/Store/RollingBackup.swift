import Foundation

/// Automatic backups beside a project: a consistent copy (SQLite's online backup)
/// into `<project>.backups/`, at most every `interval` seconds while it is being
/// changed, keeping the newest `keep` copies.
public final class RollingBackup {
    public let folder: String
    public let keep: Int
    public let interval: TimeInterval
    private let project: Project
    private var last: Date?

    /// The workbench's backups: every 10 minutes of coding, the last 5 kept.
    public static let defaultKeep = 5
    public static let defaultInterval: TimeInterval = 600

    public init(project: Project, keep: Int = defaultKeep, interval: TimeInterval = defaultInterval) {
        self.project = project
        self.keep = keep
        self.interval = interval
        folder = (project.path ?? "project") + ".backups"
    }

    /// Backs up when the last backup is older than the interval (or there is none);
    /// returns the new file's path.
    @discardableResult
    public func backupIfDue(now: Date = Date()) throws -> String? {
        if let last, now.timeIntervalSince(last) < interval { return nil }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = "backup-" + Self.stamp(now) + ".db"
        let path = folder + "/" + name
        try? FileManager.default.removeItem(atPath: path)
        try project.saveCopy(to: path)
        last = now
        try prune()
        return path
    }

    /// The backups, oldest first.
    public func backups() throws -> [String] {
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasPrefix("backup-") && $0.hasSuffix(".db") }.sorted().map { folder + "/" + $0 }
    }

    private func prune() throws {
        let all = try backups()
        for old in all.dropLast(keep) { try FileManager.default.removeItem(atPath: old) }
    }

    /// `20261129-161045-123` in UTC: sorts in time order.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss-SSS"
        return formatter.string(from: date)
    }
}
