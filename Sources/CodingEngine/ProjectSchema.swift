import GRDB

/// The project file's schema as named, ordered migrations.
///
/// A migration, once released, is never edited: a change to the schema is a new
/// migration appended here, so that every older project file can be upgraded.
enum ProjectSchema {
    /// SQLite's `application_id` of an intertwine project ("INTW").
    static let applicationID: Int32 = 0x494E_5457

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: cases, documents, turns, codebook, coders, codings, memos") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: """
                CREATE TABLE project_info (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                CREATE TABLE cases (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE case_attributes (
                    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    type TEXT NOT NULL CHECK (type IN ('text', 'integer', 'float', 'boolean', 'date')),
                    value TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (case_id, key)
                ) WITHOUT ROWID;
                CREATE TABLE documents (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    case_id INTEGER NOT NULL REFERENCES cases(id),
                    text TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    length INTEGER NOT NULL CHECK (length >= 0),
                    source_path TEXT,
                    imported_at TEXT NOT NULL
                );
                CREATE INDEX documents_by_case ON documents(case_id);
                CREATE INDEX documents_by_sha256 ON documents(sha256);
                CREATE TABLE document_properties (
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    type TEXT NOT NULL,
                    value TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (document_id, key)
                ) WITHOUT ROWID;
                CREATE TABLE turns (
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL CHECK (idx >= 1),
                    speaker TEXT,
                    start INTEGER NOT NULL,
                    speech_start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    start_time REAL,
                    end_time REAL,
                    PRIMARY KEY (document_id, idx),
                    CHECK (start <= speech_start AND speech_start <= "end")
                ) WITHOUT ROWID;
                CREATE TABLE codes (
                    id INTEGER PRIMARY KEY,
                    parent_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
                    name TEXT NOT NULL CHECK (name <> '' AND instr(name, '/') = 0),
                    position INTEGER NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    color TEXT NOT NULL,
                    hotkey TEXT UNIQUE,
                    codable INTEGER NOT NULL DEFAULT 1
                );
                CREATE UNIQUE INDEX codes_sibling_names ON codes(ifnull(parent_id, 0), name);
                CREATE TABLE coders (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE CHECK (name <> '')
                );
                CREATE TABLE codings (
                    id INTEGER PRIMARY KEY,
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    code_id INTEGER NOT NULL REFERENCES codes(id),
                    coder_id INTEGER NOT NULL REFERENCES coders(id),
                    memo TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    CHECK (start >= 0 AND "end" > start),
                    -- Also the index that reads a document's codings coder by coder, in text order.
                    UNIQUE (document_id, coder_id, start, "end", code_id)
                );
                CREATE INDEX codings_by_code ON codings(code_id);
                CREATE TABLE memos (
                    id INTEGER PRIMARY KEY,
                    target TEXT NOT NULL CHECK (target IN ('project', 'case', 'document', 'code')),
                    target_id INTEGER,
                    coder_id INTEGER REFERENCES coders(id),
                    text TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    CHECK ((target = 'project') = (target_id IS NULL))
                );
                CREATE INDEX memos_by_target ON memos(target, target_id);
                """)
        }
        migrator.registerMigration("v2: summaries of case × code cells") { db in
            try db.execute(sql: """
                CREATE TABLE cell_summaries (
                    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
                    text TEXT NOT NULL,
                    coder_id INTEGER REFERENCES coders(id),
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (case_id, code_id)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
