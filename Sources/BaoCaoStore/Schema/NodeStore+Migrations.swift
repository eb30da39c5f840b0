import GRDB

extension NodeStore {
    /// The schema, as a list of migrations.
    ///
    /// A migration never changes once it has shipped: a node in a commune may skip many
    /// releases of BaoCao and must still be brought up to date step by step. Change the
    /// schema by appending a migration.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createVersion1)
        migrator.registerMigration("v2-reports", migrate: createReportLifecycle)
        migrator.registerMigration("v3-accounts", migrate: createAccounts)
        migrator.registerMigration("v4-regime-assignments", migrate: createRegimeAssignments)
        migrator.registerMigration("v5-relayed-reports", migrate: createRelayedReports)
        migrator.registerMigration("v6-report-attachments", migrate: createReportAttachments)
        migrator.registerMigration("v7-values-version", migrate: addValuesVersion)
        migrator.registerMigration("v8-timeliness-rulings", migrate: createTimelinessRulings)
        migrator.registerMigration("v9-unsettled-deliveries-and-held-decisions", migrate: createUnsettledDeliveriesAndHeldDecisions)
        migrator.registerMigration("v10-refused-feed-items", migrate: createRefusedFeedItems)
        migrator.registerMigration("v11-timed-lockout", migrate: addTimedLockout)
        migrator.registerMigration("v12-clock-skew-at-arrival", migrate: addClockSkewAtArrival)
        migrator.registerMigration("v13-personnel-records", migrate: createPersonnelRecords)
        migrator.registerMigration("v15-personnel-transfers-custody", migrate: createPersonnelTransfersAndCustody)
        migrator.registerMigration("v16-personnel-access-spans-quota", migrate: createPersonnelAccessSpansAndQuota)
        migrator.registerMigration("v17-succession", migrate: createSuccession)
        migrator.registerMigration("v18-publications", migrate: createPublications)
        migrator.registerMigration("v19-outside-reports", migrate: createOutsideReports)
        migrator.registerMigration("v20-unit-dashboard", migrate: createUnitDashboard)
        migrator.registerMigration("v21-section-returns", migrate: createSectionReturns)
        migrator.registerMigration("v22-window-announcements", migrate: createWindowAnnouncements)
        migrator.registerMigration("v23-publications-read-their-snapshot", migrate: dropPublicationValues)
        migrator.registerMigration("v24-report-values-checked-by-their-writer", migrate: dropReportValueParentCheck)
        migrator.registerMigration("v25-software-updates-and-unit-versions", migrate: createSoftwareUpdates)
        return migrator
    }()

    /// Units, catalog, regimes, releases, reports and values, bundles, audit log, users, settings.
    private static func createVersion1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE setting (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            ) STRICT;

            -- The topology of the release in force; file order is kept in position.
            CREATE TABLE unit (
                code TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                nameEn TEXT,
                kind TEXT NOT NULL CHECK (kind IN ('national','province','district','commune','department','other')),
                parentCode TEXT,
                position INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX unit_parent ON unit(parentCode);

            -- Every release this node has accepted, kept so old reports stay verifiable.
            -- The province's releases and each unit's local releases are separate chains.
            CREATE TABLE release (
                publisher TEXT NOT NULL,
                version INTEGER NOT NULL,
                contentHash TEXT NOT NULL UNIQUE,
                previousHash TEXT,
                publishedAt TEXT NOT NULL,
                receivedAt TEXT NOT NULL,
                bundleId TEXT,
                content BLOB NOT NULL,
                PRIMARY KEY (publisher, version)
            ) STRICT;

            -- The catalog in force. Definitions are the catalog's own JSON; the columns
            -- beside them are what queries filter and join on.
            CREATE TABLE indicator (
                code TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                unitOfMeasure TEXT NOT NULL,
                valueType TEXT NOT NULL,
                decimals INTEGER NOT NULL,
                aggregation TEXT NOT NULL,
                position INTEGER NOT NULL,
                definition TEXT NOT NULL
            ) STRICT;
            CREATE TABLE dimension (
                code TEXT PRIMARY KEY NOT NULL,
                position INTEGER NOT NULL,
                definition TEXT NOT NULL
            ) STRICT;
            CREATE TABLE crossRule (
                position INTEGER PRIMARY KEY NOT NULL,
                expression TEXT NOT NULL,
                message TEXT
            ) STRICT;
            CREATE TABLE form (
                code TEXT NOT NULL,
                version INTEGER NOT NULL,
                title TEXT NOT NULL,
                position INTEGER NOT NULL,
                definition TEXT NOT NULL,
                PRIMARY KEY (code, version)
            ) STRICT;
            CREATE TABLE regime (
                code TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                formCode TEXT NOT NULL,
                position INTEGER NOT NULL,
                definition TEXT NOT NULL
            ) STRICT;
            CREATE TABLE planTarget (
                unitCode TEXT NOT NULL,
                year INTEGER NOT NULL,
                indicatorCode TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (unitCode, year, indicatorCode)
            ) STRICT;

            -- Reports: every revision is kept. Values are canonical decimal strings.
            CREATE TABLE report (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                regimeCode TEXT NOT NULL,
                period TEXT NOT NULL,
                unitCode TEXT NOT NULL,
                revision INTEGER NOT NULL CHECK (revision >= 1),
                state TEXT NOT NULL,
                formCode TEXT NOT NULL,
                formVersion INTEGER NOT NULL,
                releaseVersion INTEGER,
                narrative TEXT NOT NULL DEFAULT '',
                createdAt TEXT NOT NULL,
                updatedAt TEXT NOT NULL,
                signedAt TEXT,
                bundleId TEXT,
                UNIQUE (regimeCode, period, unitCode, revision)
            ) STRICT;
            CREATE INDEX report_period ON report(regimeCode, period, state);
            CREATE TABLE reportValue (
                reportId INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                indicatorCode TEXT NOT NULL,
                value TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('estimated','final')),
                PRIMARY KEY (reportId, key)
            ) STRICT, WITHOUT ROWID;

            -- Every bundle the node holds, made here or received; the bytes live
            -- content-addressed beside the database (bundles/<id[0..2]>/<id>.bcb).
            CREATE TABLE bundle (
                id TEXT PRIMARY KEY NOT NULL,
                kind TEXT NOT NULL,
                sender TEXT NOT NULL,
                recipient TEXT NOT NULL,
                size INTEGER NOT NULL,
                signer TEXT NOT NULL,
                signedAt TEXT NOT NULL,
                origin TEXT NOT NULL CHECK (origin IN ('local','https','usb')),
                receivedAt TEXT NOT NULL,
                about TEXT NOT NULL DEFAULT '{}'
            ) STRICT;
            CREATE INDEX bundle_kind ON bundle(kind, recipient);

            -- Where a held bundle still has to go: up to the parent or down to a child.
            -- The sequence orders a child's downward feed and is its cursor.
            CREATE TABLE delivery (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                bundleId TEXT NOT NULL REFERENCES bundle(id),
                destination TEXT NOT NULL,
                direction TEXT NOT NULL CHECK (direction IN ('up','down')),
                state TEXT NOT NULL CHECK (state IN ('pending','acknowledged','refused')),
                queuedAt TEXT NOT NULL,
                acknowledgedAt TEXT,
                refusal TEXT,
                UNIQUE (bundleId, destination)
            ) STRICT;
            CREATE INDEX delivery_pending ON delivery(direction, destination, state);

            -- Resumable uploads (tus 1.0) under way: the bytes so far live in uploads/<id>.part,
            -- and offset counts only bytes flushed to disk.
            CREATE TABLE upload (
                id TEXT PRIMARY KEY NOT NULL,
                owner TEXT NOT NULL,
                length INTEGER NOT NULL,
                offset INTEGER NOT NULL DEFAULT 0,
                sha256 TEXT NOT NULL,
                createdAt TEXT NOT NULL,
                expiresAt TEXT NOT NULL,
                outcome TEXT
            ) STRICT;

            -- Append-only and hash-chained: each entry's hash covers the previous hash.
            CREATE TABLE auditEntry (
                sequence INTEGER PRIMARY KEY NOT NULL,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                object TEXT,
                detail TEXT,
                previousHash TEXT NOT NULL,
                hash TEXT NOT NULL
            ) STRICT;

            CREATE TABLE user (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                login TEXT NOT NULL UNIQUE COLLATE NOCASE,
                displayName TEXT NOT NULL,
                passwordHash TEXT NOT NULL,
                locked INTEGER NOT NULL DEFAULT 0,
                failedAttempts INTEGER NOT NULL DEFAULT 0,
                passwordChangedAt TEXT NOT NULL,
                createdAt TEXT NOT NULL
            ) STRICT;
            CREATE TABLE userRole (
                userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN ('admin','aggregator','approver','dataEntry','viewer')),
                PRIMARY KEY (userId, role)
            ) STRICT;
            """)
    }

    /// The report lifecycle at sender and receiver (DESIGN §5): history with reasons,
    /// section approvals, receiving windows and their snapshots, notices, clock skews.
    private static func createReportLifecycle(_ db: Database) throws {
        try db.execute(sql: """
            -- At the receiver: when the bundle arrived, whether it came after the window
            -- closed, who handles it. At both ends: the last decision and its reason.
            ALTER TABLE report ADD COLUMN receivedAt TEXT;
            ALTER TABLE report ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE report ADD COLUMN assignedTo TEXT;
            ALTER TABLE report ADD COLUMN reason TEXT;
            ALTER TABLE report ADD COLUMN decidedAt TEXT;
            ALTER TABLE report ADD COLUMN decisionBundleId TEXT;
            CREATE INDEX report_unit ON report(unitCode, regimeCode, period, revision);

            -- Every change of state, with who, when and why.
            CREATE TABLE reportEvent (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                reportId INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                fromState TEXT,
                toState TEXT NOT NULL,
                reason TEXT
            ) STRICT;
            CREATE INDEX reportEvent_report ON reportEvent(reportId, id);

            -- A form section's figures approved (duyệt số liệu) in one revision.
            CREATE TABLE reportSectionApproval (
                reportId INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
                sectionCode TEXT NOT NULL,
                approvedBy TEXT NOT NULL,
                approvedAt TEXT NOT NULL,
                PRIMARY KEY (reportId, sectionCode)
            ) STRICT, WITHOUT ROWID;

            -- The receiver's window for a regime-period (seed 002 art. 14.4).
            CREATE TABLE receivingWindow (
                regimeCode TEXT NOT NULL,
                period TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('open','closed')),
                openedAt TEXT NOT NULL,
                openedBy TEXT NOT NULL,
                closedAt TEXT,
                closedBy TEXT,
                PRIMARY KEY (regimeCode, period)
            ) STRICT, WITHOUT ROWID;

            -- Frozen consolidated figures (số liệu chốt), numbered from 1 per regime-period.
            CREATE TABLE snapshot (
                regimeCode TEXT NOT NULL,
                period TEXT NOT NULL,
                number INTEGER NOT NULL CHECK (number >= 1),
                takenAt TEXT NOT NULL,
                takenBy TEXT NOT NULL,
                cause TEXT NOT NULL,
                PRIMARY KEY (regimeCode, period, number)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE snapshotValue (
                regimeCode TEXT NOT NULL,
                period TEXT NOT NULL,
                number INTEGER NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (regimeCode, period, number, key),
                FOREIGN KEY (regimeCode, period, number) REFERENCES snapshot(regimeCode, period, number) ON DELETE CASCADE
            ) STRICT, WITHOUT ROWID;
            -- Which report revisions a snapshot counted.
            CREATE TABLE snapshotReport (
                regimeCode TEXT NOT NULL,
                period TEXT NOT NULL,
                number INTEGER NOT NULL,
                reportId INTEGER NOT NULL REFERENCES report(id),
                PRIMARY KEY (regimeCode, period, number, reportId),
                FOREIGN KEY (regimeCode, period, number) REFERENCES snapshot(regimeCode, period, number) ON DELETE CASCADE
            ) STRICT, WITHOUT ROWID;

            -- Reminders and window announcements, sent down (at the sender of them) or
            -- received (at the recipient), each a signed bundle.
            CREATE TABLE notice (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                bundleId TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind IN ('reminder','windowOpened','windowClosed')),
                sender TEXT NOT NULL,
                recipient TEXT NOT NULL,
                regimeCode TEXT,
                period TEXT,
                text TEXT NOT NULL,
                sentAt TEXT NOT NULL,
                readAt TEXT
            ) STRICT;

            -- A child's clock against this node's, measured at each sync: seconds the
            -- child is ahead (negative: behind).
            CREATE TABLE clockSkew (
                unitCode TEXT PRIMARY KEY NOT NULL,
                measuredAt TEXT NOT NULL,
                seconds INTEGER NOT NULL
            ) STRICT;
            """)
    }

    /// Sections of the unit (phòng, ban) with their heads, members and the leader's
    /// delegations of figure approval (seed 002 arts. 10, 12.3–12.4); the children's audit
    /// heads held as anchors; the audit log made append-only.
    private static func createAccounts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE unitSection (
                code TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
                name TEXT NOT NULL,
                headUserId INTEGER REFERENCES user(id),
                createdAt TEXT NOT NULL
            ) STRICT;
            CREATE TABLE sectionMember (
                sectionCode TEXT NOT NULL REFERENCES unitSection(code) ON DELETE CASCADE,
                userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                addedAt TEXT NOT NULL,
                PRIMARY KEY (sectionCode, userId)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX sectionMember_user ON sectionMember(userId);

            -- The leader hands approval of a section's figures (duyệt số liệu) to a named
            -- clerk; revoking keeps the row, with who revoked it and when.
            CREATE TABLE sectionDelegation (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                sectionCode TEXT NOT NULL REFERENCES unitSection(code) ON DELETE CASCADE,
                userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                grantedBy TEXT NOT NULL,
                grantedAt TEXT NOT NULL,
                revokedBy TEXT,
                revokedAt TEXT
            ) STRICT;
            CREATE UNIQUE INDEX sectionDelegation_active ON sectionDelegation(sectionCode, userId) WHERE revokedAt IS NULL;

            -- A child's audit-log head, as carried by each bundle it sent (manifest about.auditHead).
            CREATE TABLE auditAnchor (
                unitCode TEXT NOT NULL,
                sequence INTEGER NOT NULL CHECK (sequence >= 1),
                hash TEXT NOT NULL,
                bundleId TEXT NOT NULL,
                receivedAt TEXT NOT NULL,
                PRIMARY KEY (unitCode, bundleId)
            ) STRICT;
            CREATE INDEX auditAnchor_sequence ON auditAnchor(unitCode, sequence);

            -- The audit log only grows; the hash chain exposes whoever drops these.
            CREATE TRIGGER auditEntry_noUpdate BEFORE UPDATE ON auditEntry
            BEGIN SELECT RAISE(ABORT, 'auditEntry is append-only'); END;
            CREATE TRIGGER auditEntry_noDelete BEFORE DELETE ON auditEntry
            BEGIN SELECT RAISE(ABORT, 'auditEntry is append-only'); END;
            """)
    }

    /// At a receiver, who handles each incoming regime: its reports are assigned to that
    /// person as they arrive.
    private static func createRegimeAssignments(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE regimeAssignment (
                regimeCode TEXT PRIMARY KEY NOT NULL,
                login TEXT NOT NULL,
                assignedBy TEXT NOT NULL,
                assignedAt TEXT NOT NULL
            ) STRICT;
            """)
    }

    /// Archive copies of reports exchanged below this node (DESIGN §6): the receiver each
    /// was sent to. NULL for the node's own reports and those received here.
    private static func createRelayedReports(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE report ADD COLUMN relayedFor TEXT;
            CREATE INDEX report_bundle ON report(bundleId);
            """)
    }

    /// Files attached to a report's narrative, kept with the revision they belong to.
    private static func createReportAttachments(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE reportAttachment (
                id INTEGER PRIMARY KEY,
                reportId INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                contentType TEXT NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                data BLOB NOT NULL,
                addedBy TEXT NOT NULL,
                addedAt TEXT NOT NULL,
                UNIQUE (reportId, name)
            ) STRICT;
            """)
    }

    /// A counter bumped with every change of a revision's values, so that what is worked
    /// out from them (their validation) can be kept until they change.
    private static func addValuesVersion(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE report ADD COLUMN valuesVersion INTEGER NOT NULL DEFAULT 0")
    }

    /// A received report keeps the sender's clock skew as measured when it arrived, so that
    /// what the sender states of its clock later cannot move its signing time. NULL for
    /// reports stored before (the last measured skew stands in for them).
    private static func addClockSkewAtArrival(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE report ADD COLUMN clockSkewAtArrival INTEGER")
    }

    /// A reviewer's ruling on a report whose timeliness was flagged: which time stands,
    /// why, who ruled and when. Keyed by the bundle judged (the first revision's).
    private static func createTimelinessRulings(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE timelinessRuling (
                bundleId TEXT PRIMARY KEY NOT NULL,
                regimeCode TEXT NOT NULL,
                period TEXT NOT NULL,
                unitCode TEXT NOT NULL,
                ruling TEXT NOT NULL CHECK (ruling IN ('signingTime', 'arrivalTime')),
                reason TEXT NOT NULL,
                decidedBy TEXT NOT NULL,
                decidedAt TEXT NOT NULL
            ) STRICT;
            """)
    }

    /// What makes "nothing lost silently" checkable: a delivery a neighbour answered
    /// without settling it (not stored there yet, or an answer this node does not know)
    /// stays pending with its attempts, when to offer it again, the last answer as it
    /// came and since when it has been unsettled; and a decision that arrived before the
    /// report it decides is held until that report comes.
    private static func createUnsettledDeliveriesAndHeldDecisions(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE delivery ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE delivery ADD COLUMN retryAt TEXT;
            ALTER TABLE delivery ADD COLUMN lastAnswer TEXT;
            ALTER TABLE delivery ADD COLUMN unsettledSince TEXT;

            CREATE TABLE heldDecision (
                decisionBundleId TEXT PRIMARY KEY NOT NULL REFERENCES bundle(id),
                reportBundleId TEXT NOT NULL,
                relayed INTEGER NOT NULL CHECK (relayed IN (0, 1)),
                decision BLOB NOT NULL,
                heldAt TEXT NOT NULL
            ) STRICT;
            CREATE INDEX heldDecision_report ON heldDecision(reportBundleId);
            """)
    }

    /// What this node refused from its parent's feed (too large, malformed, refused by
    /// verification): its cursor moved past each, and each is kept here to be shown — the
    /// bundle id, who sent it and its size when they are known, and why.
    private static func createRefusedFeedItems(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE refusedFeedItem (
                id INTEGER PRIMARY KEY,
                parent TEXT NOT NULL,
                feedCursor INTEGER NOT NULL,
                bundleId TEXT,
                sender TEXT,
                size INTEGER,
                code TEXT NOT NULL,
                reason TEXT NOT NULL,
                refusedAt TEXT NOT NULL
            ) STRICT;
            """)
    }

    /// Wrong passwords lock an account for a while (`lockedUntil`), never for good: `locked`
    /// is left to an admin's deliberate lock. An account the old rule locked after failures
    /// (its failures kept, which an admin's lock clears) is locked by time instead, already
    /// expired: the next wrong password locks it again, for longer.
    private static func addTimedLockout(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE user ADD COLUMN lockedUntil TEXT;
            UPDATE user SET locked = 0 WHERE locked = 1 AND failedAttempts > 0;
            """)
    }

    /// Personnel records (seed 003): one row per person held here, the record itself as
    /// JSON and the columns the roster and search read.
    private static func createPersonnelRecords(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE personnelRecord (
                id TEXT PRIMARY KEY NOT NULL,
                holderUnit TEXT NOT NULL,
                holding TEXT NOT NULL CHECK (holding IN ('kept', 'copy')),
                document BLOB NOT NULL,
                fullName TEXT NOT NULL,
                searchKey TEXT NOT NULL,
                status TEXT NOT NULL,
                kind TEXT NOT NULL,
                section TEXT,
                rank TEXT,
                sourceBundleId TEXT,
                updatedAt TEXT NOT NULL
            ) STRICT;
            CREATE INDEX personnelRecord_holder ON personnelRecord(holderUnit, status);
            CREATE INDEX personnelRecord_search ON personnelRecord(searchKey);
            """)
    }

    /// Transfers of personnel records this node took part in, and the newest custody set of
    /// each holder it has (seed 003 art. 10.2, 12.4).
    private static func createPersonnelTransfersAndCustody(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE personnelTransfer (
                bundleId TEXT PRIMARY KEY NOT NULL,
                direction TEXT NOT NULL CHECK (direction IN ('sent', 'forwarding', 'received')),
                records TEXT NOT NULL,
                fromUnit TEXT NOT NULL,
                toUnit TEXT NOT NULL,
                employingUnit TEXT NOT NULL,
                decisionEffectiveOn TEXT NOT NULL,
                dueOn TEXT,
                sentAt TEXT,
                receivedAt TEXT,
                forwardedAt TEXT,
                forwardBundleId TEXT,
                acknowledgedAt TEXT
            ) STRICT;
            CREATE INDEX personnelTransfer_forward ON personnelTransfer(forwardBundleId);
            CREATE TABLE personnelCustody (
                holderUnit TEXT PRIMARY KEY NOT NULL,
                sequence INTEGER NOT NULL CHECK (sequence >= 1),
                bundleId TEXT NOT NULL,
                recordCount INTEGER NOT NULL,
                at TEXT NOT NULL
            ) STRICT;
            """)
    }

    /// Personnel access granted on a written approval (seed 003 art. 3.3), each record's
    /// state spans for the roster and statistics on any date (art. 5.2c), the staffing
    /// quota (art. 5.2d) and the yearly supplementary declarations (art. 9.2b).
    private static func createPersonnelAccessSpansAndQuota(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE personnelGrant (
                id INTEGER PRIMARY KEY,
                userId INTEGER NOT NULL REFERENCES user(id),
                scope TEXT NOT NULL CHECK (scope IN ('edit', 'read', 'sensitive')),
                documentNumber TEXT NOT NULL CHECK (documentNumber <> ''),
                documentDate TEXT NOT NULL,
                grantedBy TEXT NOT NULL,
                grantedAt TEXT NOT NULL,
                revokedBy TEXT,
                revokedAt TEXT
            ) STRICT;
            CREATE INDEX personnelGrant_user ON personnelGrant(userId, scope);

            -- A search by name reads this index alone, never the records' documents.
            CREATE INDEX personnelRecord_searchColumns ON personnelRecord(searchKey, holderUnit, id, fullName, status, kind, section, rank);

            -- One row per span of days over which a record's counted state stays the same:
            -- [validFrom, validUntil), validUntil NULL for the span still open.
            CREATE TABLE personnelSpan (
                recordId TEXT NOT NULL REFERENCES personnelRecord(id) ON DELETE CASCADE,
                validFrom TEXT NOT NULL,
                validUntil TEXT,
                holderUnit TEXT NOT NULL,
                unit TEXT NOT NULL,
                section TEXT,
                status TEXT NOT NULL,
                kind TEXT NOT NULL,
                sex TEXT NOT NULL,
                birthDate TEXT NOT NULL,
                ethnicity TEXT,
                rank TEXT,
                trainingLevels TEXT NOT NULL,
                positions TEXT NOT NULL,
                PRIMARY KEY (recordId, validFrom)
            ) STRICT;
            CREATE INDEX personnelSpan_dates ON personnelSpan(validFrom, validUntil);
            CREATE INDEX personnelSpan_unit ON personnelSpan(unit, validFrom);

            CREATE TABLE personnelQuota (
                unit TEXT NOT NULL,
                section TEXT NOT NULL,
                headcount INTEGER NOT NULL CHECK (headcount >= 0),
                decisionNumber TEXT NOT NULL,
                decisionDate TEXT NOT NULL,
                setBy TEXT NOT NULL,
                setAt TEXT NOT NULL,
                PRIMARY KEY (unit, section)
            ) STRICT;

            CREATE TABLE personnelDeclaration (
                year INTEGER NOT NULL,
                recordId TEXT NOT NULL REFERENCES personnelRecord(id),
                requestedBy TEXT NOT NULL,
                requestedAt TEXT NOT NULL,
                declaredSequence INTEGER,
                declaredAt TEXT,
                PRIMARY KEY (year, recordId)
            ) STRICT;
            CREATE INDEX personnelDeclaration_outstanding ON personnelDeclaration(recordId, declaredAt);
            """)
    }

    /// The reorganisations (2025 reform) this node has taken from the province's releases:
    /// kept apart from the release that carried them, because later releases no longer do,
    /// and every view of a period before one reads it.
    private static func createSuccession(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE succession (
                effective TEXT PRIMARY KEY NOT NULL,
                content BLOB NOT NULL,
                releaseHash TEXT NOT NULL,
                recordedAt TEXT NOT NULL
            ) STRICT;
            """)
    }

    /// Reports received outside the system during a failure (seed 000 art. 7.3, 001 art.
    /// 10.2d): the document as it came, and the figures the receiver typed from it.
    private static func createOutsideReports(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE outsideReport (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                regimeCode TEXT NOT NULL,
                period TEXT NOT NULL,
                unitCode TEXT NOT NULL,
                formCode TEXT NOT NULL,
                formVersion INTEGER NOT NULL,
                documentName TEXT NOT NULL,
                contentType TEXT NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                document BLOB NOT NULL,
                documentNumber TEXT,
                receivedAt TEXT NOT NULL,
                reason TEXT NOT NULL,
                figures TEXT NOT NULL,
                signatures TEXT NOT NULL,
                enteredBy TEXT NOT NULL,
                enteredAt TEXT NOT NULL
            ) STRICT;
            CREATE INDEX outsideReport_period ON outsideReport(regimeCode, period, unitCode, id);
            """)
    }

    /// A unit's own dashboard (002 art. 10.1e; 000 art. 13.4): the indicators and charts
    /// its staff chose for the home page, in order.
    private static func createUnitDashboard(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE dashboardItem (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                unitCode TEXT NOT NULL,
                position INTEGER NOT NULL CHECK (position >= 1),
                regimeCode TEXT NOT NULL,
                indicatorCode TEXT NOT NULL,
                chart TEXT NOT NULL CHECK (chart IN ('line', 'bars')),
                addedBy TEXT NOT NULL,
                addedAt TEXT NOT NULL,
                UNIQUE (unitCode, regimeCode, indicatorCode, chart)
            ) STRICT;
            CREATE INDEX dashboardItem_unit ON dashboardItem(unitCode, position);
            """)
    }

    /// v22: every announcement about a receiving window — opening, extension (gia hạn) with its
    /// document, closing — kept in order (seed 002 art. 14.4), the windows already opened
    /// or closed carried over; extensions announced to the reporters by a notice of their
    /// own kind; a reviewer may rule a returned first revision's arrival stands.
    private static func createWindowAnnouncements(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE windowAnnouncement (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                regimeCode TEXT NOT NULL,
                period TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('opened','extended','closed')),
                recordedAt TEXT NOT NULL,
                recordedBy TEXT NOT NULL,
                extendedUntil TEXT,
                documentNumber TEXT,
                documentDate TEXT,
                reason TEXT,
                CHECK (kind <> 'extended' OR (extendedUntil IS NOT NULL AND documentNumber IS NOT NULL AND documentDate IS NOT NULL AND reason IS NOT NULL))
            ) STRICT;
            CREATE INDEX windowAnnouncement_regimePeriod ON windowAnnouncement(regimeCode, period, recordedAt);
            INSERT INTO windowAnnouncement (regimeCode, period, kind, recordedAt, recordedBy)
                SELECT regimeCode, period, 'opened', openedAt, openedBy FROM receivingWindow;
            INSERT INTO windowAnnouncement (regimeCode, period, kind, recordedAt, recordedBy)
                SELECT regimeCode, period, 'closed', closedAt, closedBy FROM receivingWindow WHERE closedAt IS NOT NULL AND closedBy IS NOT NULL;

            CREATE TABLE notice_v20 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                bundleId TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind IN ('reminder','windowOpened','windowClosed','windowExtended')),
                sender TEXT NOT NULL,
                recipient TEXT NOT NULL,
                regimeCode TEXT,
                period TEXT,
                text TEXT NOT NULL,
                sentAt TEXT NOT NULL,
                readAt TEXT
            ) STRICT;
            INSERT INTO notice_v20 SELECT id, bundleId, kind, sender, recipient, regimeCode, period, text, sentAt, readAt FROM notice;
            DROP TABLE notice;
            ALTER TABLE notice_v20 RENAME TO notice;

            CREATE TABLE timelinessRuling_v20 (
                bundleId TEXT PRIMARY KEY NOT NULL,
                regimeCode TEXT NOT NULL,
                period TEXT NOT NULL,
                unitCode TEXT NOT NULL,
                ruling TEXT NOT NULL CHECK (ruling IN ('signingTime', 'arrivalTime', 'firstRevision')),
                reason TEXT NOT NULL,
                decidedBy TEXT NOT NULL,
                decidedAt TEXT NOT NULL
            ) STRICT;
            INSERT INTO timelinessRuling_v20 SELECT bundleId, regimeCode, period, unitCode, ruling, reason, decidedBy, decidedAt FROM timelinessRuling;
            DROP TABLE timelinessRuling;
            ALTER TABLE timelinessRuling_v20 RENAME TO timelinessRuling;
            """)
    }
}
