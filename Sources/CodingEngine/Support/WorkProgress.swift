import Foundation
import Synchronization

/// How far a long piece of work has got (reading a folder of transcripts, storing a
/// REFI-QDA project, merging, building the consensus), for whoever shows it: the
/// command line draws a line on standard error, the workbench and the tests show
/// nothing. The engine counts; what is shown, and whether, is the caller's choice.
///
/// A count may be advanced from any thread (transcripts are read on every core).
public final class WorkProgress: @unchecked Sendable {
    /// What shows progress: called with what is being done, how many of how many.
    public typealias Shower = @Sendable (_ what: String, _ done: Int, _ total: Int) -> Void

    /// The shower for work started from now on (none: progress is not shown). Set once
    /// by a program at its start (the command line); a value under a lock rather than a
    /// task local, which crashed when bound outside any task in a release build.
    public static var shower: Shower? {
        get { showerNow.withLock { $0 } }
        set { showerNow.withLock { $0 = newValue } }
    }
    private static let showerNow = Mutex<Shower?>(nil)

    private let what: String
    private let total: Int
    private let show: Shower?
    private var done = 0
    private var shownPercent = 0
    private let lock = NSLock()

    /// Starts counting `total` steps of `what` (shown as 0 of `total` at once).
    public init(_ what: String, total: Int) {
        self.what = what
        self.total = total
        show = Self.shower
        show?(what, 0, total)
    }

    /// Counts `steps` more steps done; the shower hears of it when the percentage
    /// changes (so a step per coding costs next to nothing), and when all are done.
    public func advance(by steps: Int = 1) {
        guard let show else { return }
        lock.lock()
        defer { lock.unlock() }
        done = min(total, done + steps)
        let percent = total > 0 ? done * 100 / total : 100
        guard percent != shownPercent || done == total else { return }
        shownPercent = percent
        show(what, done, total)
    }
}
