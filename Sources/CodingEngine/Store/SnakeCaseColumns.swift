import GRDB

/// A record written by encoding its properties as its table's columns, in snake case
/// (`documentID` → `document_id`): no column list written out by hand.
protocol SnakeCaseColumns: Encodable, EncodableRecord {}

extension SnakeCaseColumns {
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}
