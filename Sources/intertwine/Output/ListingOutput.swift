import CodingEngine
import Exchange

/// A listing written as its rows come: JSON and CSV go to standard output row by
/// row (a batch at a time), so a listing of hundreds of thousands of codings is
/// never held whole; a table, whose column widths need every row, is printed at
/// the end.
struct ListingOutput {
    private var listing: Listing
    private let format: OutputFormat
    private var json: JSONArrayStream?
    private var pending: [[String]] = []
    private var wroteHeader = false

    /// Rows per CSV batch written at once.
    static let batch = 2_000

    /// `listing` gives the columns and the table's layout; its rows are written first.
    init(_ listing: Listing, format: OutputFormat) {
        self.format = format
        self.listing = listing
        self.listing.rows = []
        if format == .json { json = JSONArrayStream(columns: listing.columns) }
        for row in listing.rows { append(row) }
    }

    /// Writes (or, for a table, keeps) the next row: values in the order of the columns.
    mutating func append(_ row: [JSONValue]) {
        if format == .json {
            json?.append(row) // pseudonymised there, when the output is
            return
        }
        let row = OutputPseudonyms.row(row, columns: listing.columns)
        switch format {
        case .json: break
        case .csv:
            pending.append(row.map(\.cellText))
            if pending.count >= Self.batch { flushCSV() }
        case .table: listing.rows.append(row)
        }
    }

    /// Ends the output: closes the JSON array, writes the last CSV rows, prints the table.
    mutating func finish() throws {
        switch format {
        case .json: json?.finish()
        case .csv: flushCSV()
        case .table: intertwine.emit(try listing.render(.table))
        }
    }

    private mutating func flushCSV() {
        if !wroteHeader {
            intertwine.emit(CSVText.header(listing.columns), data: true)
            wroteHeader = true
        }
        if !pending.isEmpty { intertwine.emit(CSVText.rows(pending), data: true) }
        pending.removeAll(keepingCapacity: true)
    }
}
