import ArgumentParser

/// How a listing is printed: an aligned table for reading, CSV for spreadsheets,
/// JSON (an array of objects with snake_case keys) for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}
