import CodingEngine

/// A team project's schema on PostgreSQL: the file project's tables (the same names,
/// columns and constraints, in PostgreSQL's types) in the schema `intertwine`, made
/// by migrations named as the file project's are, plus what a team needs: the log
/// of changes the replicas read, its notifications, the roles and row-level
/// security.
///
/// Like the file project's, a migration once released is never edited; a new one is
/// appended with the same name as its file project's counterpart (a test checks the
/// two lists agree).
enum ServerSchema {
    /// The schema that holds a team project in its database.
    static let schema = "intertwine"
    /// The roles every team project on a server shares: coders, and leads who may
    /// change the codebook, cases and documents (and anyone's codings).
    static let coderRole = "intertwine_coder"
    static let leadRole = "intertwine_lead"
    /// The transaction lock an upgrade of the server's schema takes (one project per
    /// database, and advisory locks are the database's): "INTW". Writes take the row
    /// lock of `write_lock` instead (team migration 2), which a coder's SQL cannot.
    static let writeLock: Int64 = 0x494E_5457
    /// The channel writes notify on.
    static let channel = "intertwine_changes"

    /// Who may write a table's rows.
    enum Ownership {
        /// Leads only (the codebook, cases, documents).
        case leads
        /// A row's coder (`coder_id`), or a lead.
        case coder
        /// A coder row: its own name, or a lead.
        case coderName
        /// A row's `who`, or a lead.
        case who
        /// Project facts: a coder's own workbench position (`position/NAME`), else leads.
        case positions
        /// Anyone adds; only leads change or remove (the history).
        case appendOnly
    }

    /// The file project's tables, each with its primary key and its owner rule.
    static let tables: [String: (key: [String], owner: Ownership)] = [
        "project_info": (["key"], .positions), "cases": (["id"], .leads),
        "case_attributes": (["case_id", "key"], .leads),
        "documents": (["id"], .leads), "document_properties": (["document_id", "key"], .leads),
        "turns": (["document_id", "idx"], .leads), "codes": (["id"], .leads), "coders": (["id"], .coderName),
        "codings": (["id"], .coder), "memos": (["id"], .coder), "cell_summaries": (["case_id", "code_id"], .coder),
        "history": (["id"], .appendOnly), "queries": (["id"], .who),
        "documents_done": (["coder_id", "document_id"], .coder),
        "settlements": (["id"], .who),
        // An assistant works on file projects only (`intertwine mcp` refuses a team
        // project): its proposals are the leads' to bring in.
        "proposals": (["coding_id"], .leads),
        // The pseudonym table is the study's: its leads keep it.
        "pseudonyms": (["id"], .leads),
    ]

    /// The migrations, oldest first: (name, statements).
    static let migrations: [(name: String, sql: String, tables: [String])] = [
        (
            "v1: cases, documents, turns, codebook, coders, codings, memos",
            """
            CREATE TABLE project_info (
                key text PRIMARY KEY,
                value text NOT NULL
            );
            CREATE TABLE cases (
                id bigint PRIMARY KEY,
                name text NOT NULL UNIQUE,
                created_at text NOT NULL
            );
            CREATE TABLE case_attributes (
                case_id bigint NOT NULL REFERENCES cases(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                key text NOT NULL,
                type text NOT NULL CHECK (type IN ('text', 'integer', 'float', 'boolean', 'date')),
                value text NOT NULL,
                position bigint NOT NULL,
                PRIMARY KEY (case_id, key)
            );
            CREATE TABLE documents (
                id bigint PRIMARY KEY,
                name text NOT NULL UNIQUE,
                case_id bigint NOT NULL REFERENCES cases(id) DEFERRABLE INITIALLY DEFERRED,
                text text NOT NULL,
                sha256 text NOT NULL,
                length bigint NOT NULL CHECK (length >= 0),
                source_path text,
                imported_at text NOT NULL
            );
            CREATE INDEX documents_by_case ON documents(case_id);
            CREATE INDEX documents_by_sha256 ON documents(sha256);
            CREATE TABLE document_properties (
                document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                key text NOT NULL,
                type text NOT NULL,
                value text NOT NULL,
                position bigint NOT NULL,
                PRIMARY KEY (document_id, key)
            );
            CREATE TABLE turns (
                document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                idx bigint NOT NULL CHECK (idx >= 1),
                speaker text,
                start bigint NOT NULL,
                speech_start bigint NOT NULL,
                "end" bigint NOT NULL,
                start_time double precision,
                end_time double precision,
                PRIMARY KEY (document_id, idx),
                CHECK (start <= speech_start AND speech_start <= "end")
            );
            CREATE TABLE codes (
                id bigint PRIMARY KEY,
                parent_id bigint REFERENCES codes(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                name text NOT NULL CHECK (name <> '' AND strpos(name, '/') = 0),
                position bigint NOT NULL,
                description text NOT NULL DEFAULT '',
                color text NOT NULL,
                hotkey text UNIQUE,
                codable bigint NOT NULL DEFAULT 1
            );
            CREATE UNIQUE INDEX codes_sibling_names ON codes(coalesce(parent_id, 0), name);
            CREATE TABLE coders (
                id bigint PRIMARY KEY,
                name text NOT NULL UNIQUE CHECK (name <> '')
            );
            CREATE TABLE codings (
                id bigint PRIMARY KEY,
                document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                start bigint NOT NULL,
                "end" bigint NOT NULL,
                code_id bigint NOT NULL REFERENCES codes(id) DEFERRABLE INITIALLY DEFERRED,
                coder_id bigint NOT NULL REFERENCES coders(id) DEFERRABLE INITIALLY DEFERRED,
                memo text,
                created_at text NOT NULL,
                updated_at text NOT NULL,
                CHECK (start >= 0 AND "end" > start),
                UNIQUE (document_id, coder_id, start, "end", code_id)
            );
            CREATE INDEX codings_by_code ON codings(code_id);
            CREATE TABLE memos (
                id bigint PRIMARY KEY,
                target text NOT NULL CHECK (target IN ('project', 'case', 'document', 'code')),
                target_id bigint,
                coder_id bigint REFERENCES coders(id) DEFERRABLE INITIALLY DEFERRED,
                text text NOT NULL,
                created_at text NOT NULL,
                updated_at text NOT NULL,
                CHECK ((target = 'project') = (target_id IS NULL))
            );
            CREATE INDEX memos_by_target ON memos(target, target_id);
            """,
            [
                "project_info", "cases", "case_attributes", "documents", "document_properties", "turns", "codes",
                "coders", "codings", "memos",
            ]
        ),
        (
            "v2: summaries of case × code cells",
            """
            CREATE TABLE cell_summaries (
                case_id bigint NOT NULL REFERENCES cases(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                code_id bigint NOT NULL REFERENCES codes(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                text text NOT NULL,
                coder_id bigint REFERENCES coders(id) DEFERRABLE INITIALLY DEFERRED,
                updated_at text NOT NULL,
                PRIMARY KEY (case_id, code_id)
            );
            """, ["cell_summaries"]
        ),
        (
            "v3: stable GUIDs and the history of the codebook, cases and documents",
            """
            ALTER TABLE codes ADD COLUMN guid text;
            ALTER TABLE codings ADD COLUMN guid text;
            ALTER TABLE documents ADD COLUMN guid text;
            ALTER TABLE cases ADD COLUMN guid text;
            ALTER TABLE memos ADD COLUMN guid text;
            CREATE UNIQUE INDEX codes_by_guid ON codes(guid);
            CREATE UNIQUE INDEX codings_by_guid ON codings(guid);
            CREATE UNIQUE INDEX documents_by_guid ON documents(guid);
            CREATE UNIQUE INDEX cases_by_guid ON cases(guid);
            CREATE UNIQUE INDEX memos_by_guid ON memos(guid);
            CREATE TABLE history (
                id bigint PRIMARY KEY,
                at text NOT NULL,
                who text NOT NULL,
                operation text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('code', 'coding', 'case', 'document')),
                subject text NOT NULL,
                subject_guid text,
                before text,
                after text,
                codings bigint NOT NULL DEFAULT 0,
                detail text NOT NULL DEFAULT ''
            );
            """, ["history"]
        ),
        (
            "v4: saved queries",
            """
            CREATE TABLE queries (
                id bigint PRIMARY KEY,
                name text NOT NULL UNIQUE CHECK (name <> ''),
                expression text NOT NULL,
                who text NOT NULL,
                created_at text NOT NULL,
                updated_at text NOT NULL,
                guid text UNIQUE
            );
            """, ["queries"]
        ),
        // The file project's covering index spares SQLite the text's overflow pages;
        // PostgreSQL keeps long texts out of line anyway: the same index, for likeness.
        (
            "v5: document sizes read without the text",
            """
            CREATE INDEX documents_sizes ON documents(case_id, name, length);
            """, []
        ),
        // The file project's index also covers the memo; PostgreSQL limits an index
        // entry's size, so a long memo would be refused: the order only.
        (
            "v6: a document's codings read in text order from one index",
            """
            CREATE INDEX codings_in_text_order ON codings(document_id, start, "end", code_id, coder_id, id);
            """, []
        ),
        (
            "v7: blind coding: documents marked done, and whether each coding was made blind",
            """
            ALTER TABLE codings ADD COLUMN independent bigint CHECK (independent IN (0, 1));
            CREATE TABLE documents_done (
                coder_id bigint NOT NULL REFERENCES coders(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                done_at text NOT NULL,
                PRIMARY KEY (coder_id, document_id)
            );
            """, ["documents_done"]
        ),
        (
            "v8: decisions settling two coders' disputed stretches",
            """
            CREATE TABLE settlements (
                id bigint PRIMARY KEY,
                guid text NOT NULL UNIQUE,
                document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                code_id bigint NOT NULL REFERENCES codes(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                start bigint NOT NULL,
                "end" bigint NOT NULL,
                first_coder text NOT NULL,
                second_coder text NOT NULL,
                consensus_coder text NOT NULL,
                decision text NOT NULL CHECK (decision IN ('first', 'second', 'both', 'common', 'neither')),
                ranges text NOT NULL,
                why text,
                who text NOT NULL,
                at text NOT NULL,
                CHECK (start >= 0 AND "end" > start)
            );
            CREATE INDEX settlements_by_document ON settlements(document_id, code_id);
            """, ["settlements"]
        ),
        (
            "v9: codings an AI assistant proposed, with their provenance and the decisions on them",
            """
            CREATE TABLE proposals (
                coding_id bigint PRIMARY KEY REFERENCES codings(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                requested_by text NOT NULL,
                client text NOT NULL,
                client_version text NOT NULL,
                model text,
                reason text NOT NULL,
                confidence double precision NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
                request_sha256 text NOT NULL,
                proposed_at text NOT NULL,
                status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
                decided_by text,
                decided_at text,
                why text,
                accepted_as bigint REFERENCES codings(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED
            );
            CREATE INDEX proposals_by_status ON proposals(status, confidence);
            CREATE INDEX proposals_accepted_as ON proposals(accepted_as) WHERE accepted_as IS NOT NULL;
            """, ["proposals"]
        ),
        (
            "v10: the pseudonym table: real names and what is written in their place",
            """
            CREATE TABLE pseudonyms (
                id bigint PRIMARY KEY,
                real text NOT NULL UNIQUE,
                pseudonym text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('person', 'firm', 'place', 'other')),
                who text NOT NULL,
                at text NOT NULL,
                CHECK (real <> '' AND pseudonym <> '')
            );
            """, ["pseudonyms"]
        ),
    ]

    /// Changes to the team's own objects (policies, triggers, functions), which the
    /// file project has no counterpart of. Each is recorded in `schema_migrations`
    /// under its name and runs after the file project's migrations, on a new project
    /// and on every upgrade; like those, one released is never edited.
    static let teamMigrations: [(name: String, sql: String)] = [
        (
            "team 1: a history row carries the name of the coder who wrote it",
            """
            -- A coder's history rows are theirs whatever a client sends: the server writes
            -- the coder's role name into `who` (a lead, who may import a history written
            -- by others, keeps what is sent); the policy refuses anything else.
            CREATE FUNCTION stamp_writer() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NOT intertwine.is_lead() THEN
                    NEW.who := current_user;
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER history_stamped BEFORE INSERT ON history
                FOR EACH ROW EXECUTE FUNCTION stamp_writer();
            DROP POLICY anyone_adds ON history;
            CREATE POLICY anyone_adds ON history FOR INSERT WITH CHECK (who = current_user OR intertwine.is_lead());
            """
        ),
        (
            "team 2: a write lock only intertwine's functions take",
            """
            -- The project's write lock is this row's lock. Locking a row needs the right to
            -- change it, which no team role has: only intertwine's functions (which run
            -- with the project owner's rights) take it, so a coder's own SQL cannot take it
            -- as it could the advisory lock it replaces. Everyone may read the row, to see
            -- whose unfinished write holds it.
            CREATE TABLE write_lock (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row));
            INSERT INTO write_lock DEFAULT VALUES;
            GRANT SELECT ON write_lock TO \(coderRole);
            CREATE FUNCTION take_write_lock() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = intertwine, pg_catalog AS $$
            BEGIN
                PERFORM 1 FROM intertwine.write_lock FOR UPDATE;
            END $$;
            REVOKE ALL ON FUNCTION take_write_lock() FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION take_write_lock() TO \(coderRole);
            \(logChange(replacing: true, locking: "PERFORM 1 FROM intertwine.write_lock FOR UPDATE;"))
            """
        ),
        (
            "team 3: transcripts compressed with lz4 where the server has it",
            """
            -- A transcript is stored compressed; lz4 (PostgreSQL 14 and newer, when built
            -- with it, as Debian's is) compresses 60 KB of text several times faster than
            -- the default, which a push of hundreds of interviews waits for. Elsewhere the
            -- default stays.
            DO $$ BEGIN
                IF current_setting('server_version_num')::int >= 140000 THEN
                    EXECUTE 'ALTER TABLE documents ALTER COLUMN text SET COMPRESSION lz4';
                END IF;
            EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR syntax_error THEN NULL;
            END $$;
            """
        ),
        (
            "team 4: a write sent whole, checked against the copy it was made on",
            """
            -- A write is made on the coder's replica and sent to the server in one go: its
            -- start, its id, its rows, this check and its commit. The check takes the
            -- project's lock (the rows' log entries took it already, after their
            -- statements were planned) and refuses (40001, try again) when others logged
            -- changes since the replica's last change `known`; a NULL `known` checks
            -- nothing (the write that caught up under the lock calls it first). The
            -- write's own id goes into each change it logs, so that a client whose
            -- connection went with the commit's answer can ask whether it was saved.
            -- Called without a write, it only readies the session (the function compiled,
            -- its tables read) before one, lock-free.
            ALTER TABLE change_log ADD COLUMN write_id text DEFAULT nullif(current_setting('intertwine.write', true), '');
            CREATE FUNCTION begin_write(known bigint, write text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = intertwine, pg_catalog AS $$
            BEGIN
                IF write IS NULL THEN
                    PERFORM 1 FROM intertwine.write_lock;
                    PERFORM max(seq) FROM intertwine.change_log;
                    RETURN;
                END IF;
                PERFORM set_config('intertwine.write', write, true);
                PERFORM 1 FROM intertwine.write_lock FOR UPDATE;
                IF known IS NOT NULL AND EXISTS (
                    SELECT 1 FROM intertwine.change_log WHERE seq > known AND write_id IS DISTINCT FROM write
                ) THEN
                    RAISE EXCEPTION 'the project changed since this copy of it was read' USING ERRCODE = '40001';
                END IF;
            END $$;
            REVOKE ALL ON FUNCTION begin_write(bigint, text) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION begin_write(bigint, text) TO \(coderRole);
            -- A removal that row-level security kept from some of its rows is refused
            -- as a whole (the statement that removes calls this when it removed fewer
            -- rows than it could see).
            CREATE FUNCTION refuse_removal(tbl text) RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'removal refused by row-level security for table "%"', tbl USING ERRCODE = '42501';
            END $$;
            """
        ),
    ]

    /// What a team needs beside the tables, made once with the first migration: the
    /// migrations applied, the project's identity, the change log with its trigger
    /// functions, and the functions the row-level security policies call.
    static let teamObjects = """
        CREATE TABLE schema_migrations (
            identifier text PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE team (
            key text PRIMARY KEY,
            value text NOT NULL
        );
        CREATE TABLE change_log (
            seq bigserial PRIMARY KEY,
            tbl text NOT NULL,
            op "char" NOT NULL CHECK (op IN ('u', 'd')),
            key jsonb NOT NULL,
            image jsonb NOT NULL,
            who text NOT NULL DEFAULT session_user,
            at timestamptz NOT NULL DEFAULT now()
        );
        -- Every change to a project's row, in commit order: writers take the project's
        -- lock before their first change, so the log's order is the commits' order and
        -- a replica that has read up to a number has read everything before it.
        \(logChange(replacing: false, locking: "PERFORM pg_advisory_xact_lock(\(writeLock));"))
        -- One notification per transaction (PostgreSQL folds identical ones).
        CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('\(channel)', '');
            RETURN NULL;
        END $$;
        CREATE FUNCTION is_lead() RETURNS boolean LANGUAGE sql STABLE AS $$
            SELECT pg_has_role(current_user, '\(leadRole)', 'MEMBER')
        $$;
        CREATE FUNCTION my_coder_id() RETURNS bigint LANGUAGE sql STABLE AS $$
            SELECT id FROM intertwine.coders WHERE name = current_user
        $$;
        """

    /// The trigger function that writes every change of a project's row into the
    /// change log, after taking the project's write lock with `locking` (the first
    /// schema's advisory lock; the lock row since team migration 2).
    static func logChange(replacing: Bool, locking: String) -> String {
        """
        CREATE \(replacing ? "OR REPLACE " : "")FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = intertwine, pg_catalog AS $$
        DECLARE
            old_key jsonb;
            new_key jsonb;
        BEGIN
            \(locking)
            IF TG_OP <> 'INSERT' THEN
                SELECT jsonb_object_agg(k, to_jsonb(OLD) -> k) INTO old_key FROM unnest(TG_ARGV) AS k;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                SELECT jsonb_object_agg(k, to_jsonb(NEW) -> k) INTO new_key FROM unnest(TG_ARGV) AS k;
            END IF;
            IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND old_key <> new_key) THEN
                INSERT INTO change_log (tbl, op, key, image) VALUES (TG_TABLE_NAME, 'd', old_key, to_jsonb(OLD));
            END IF;
            IF TG_OP <> 'DELETE' THEN
                INSERT INTO change_log (tbl, op, key, image) VALUES (TG_TABLE_NAME, 'u', new_key, to_jsonb(NEW));
            END IF;
            RETURN NULL;
        END $$;
        """
    }

    /// The roles, made once per server when missing (by a role that may create roles).
    static let roles = """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(coderRole)') THEN CREATE ROLE \(coderRole) NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(leadRole)') THEN CREATE ROLE \(leadRole) NOLOGIN; END IF;
        END $$;
        """

    /// The triggers, grants and policies of a table the file project has.
    static func teamObjects(for table: String) -> String {
        let quoted = "\"\(table)\""
        let (key, owner) = tables[table] ?? (["id"], .leads)
        let arguments = key.map { "'\($0)'" }.joined(separator: ", ")
        var sql = """
            CREATE TRIGGER \(table)_logged AFTER INSERT OR UPDATE OR DELETE ON \(quoted)
                FOR EACH ROW EXECUTE FUNCTION log_change(\(arguments));
            CREATE TRIGGER \(table)_notified AFTER INSERT OR UPDATE OR DELETE ON \(quoted)
                FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
            GRANT SELECT ON \(quoted) TO \(coderRole);
            GRANT INSERT, UPDATE, DELETE ON \(quoted) TO \(leadRole);
            ALTER TABLE \(quoted) ENABLE ROW LEVEL SECURITY;
            ALTER TABLE \(quoted) FORCE ROW LEVEL SECURITY;
            CREATE POLICY everyone_reads ON \(quoted) FOR SELECT USING (true);

            """
        let lead = "intertwine.is_lead()"
        func owned(_ condition: String) -> String {
            """
            GRANT INSERT, UPDATE, DELETE ON \(quoted) TO \(coderRole);
            CREATE POLICY owner_adds ON \(quoted) FOR INSERT WITH CHECK (\(condition) OR \(lead));
            CREATE POLICY owner_changes ON \(quoted) FOR UPDATE USING (\(condition) OR \(lead)) WITH CHECK (\(condition) OR \(lead));
            CREATE POLICY owner_removes ON \(quoted) FOR DELETE USING (\(condition) OR \(lead));

            """
        }
        switch owner {
        case .leads:
            sql += "CREATE POLICY leads_write ON \(quoted) FOR ALL USING (\(lead)) WITH CHECK (\(lead));\n"
        case .coder: sql += owned("coder_id = intertwine.my_coder_id()")
        case .coderName: sql += owned("name = current_user")
        case .who: sql += owned("who = current_user")
        case .positions: sql += owned("key = 'position/' || current_user")
        case .appendOnly:
            sql += """
                GRANT INSERT, UPDATE, DELETE ON \(quoted) TO \(coderRole);
                CREATE POLICY anyone_adds ON \(quoted) FOR INSERT WITH CHECK (true);
                CREATE POLICY leads_change ON \(quoted) FOR UPDATE USING (\(lead)) WITH CHECK (\(lead));
                CREATE POLICY leads_remove ON \(quoted) FOR DELETE USING (\(lead));

                """
        }
        return sql
    }

    /// The grants on the team's own objects, made with the first migration.
    static let teamGrants = """
        GRANT USAGE ON SCHEMA intertwine TO \(coderRole);
        GRANT \(coderRole) TO \(leadRole);
        GRANT SELECT ON schema_migrations, team, change_log TO \(coderRole);
        GRANT EXECUTE ON FUNCTION is_lead(), my_coder_id() TO \(coderRole);
        """
}
