import BaoCaoCore
import BaoCaoServices
import BaoCaoStore
import BaoCaoNode
import Foundation
import NIOCore

/// What the web interface works with: the node's services, its sessions, its pages.
public struct WebEnvironment: Sendable {
    public let work: NodeWork
    public let accounts: AccountService
    public let calendar: WorkingCalendar
    public let sessions: SessionStore
    /// Runs one sync round with the parent now and says how it went; `nil` at the top node.
    public let syncNow: (@Sendable () async throws -> String)?
    /// The names browsers may reach the interface by; any other `Host` is refused.
    public let hosts: WebHosts
    /// Sign-in attempts each client address may make.
    public let signInThrottle: SignInThrottle
    let pages: PageRenderer
    /// `Static/style.css`, read once (``StaticFiles``).
    let styleSheet: ByteBuffer
    /// The HTML of revisions' figures, shared by every page.
    let entryForms = EntryFormCache()
    /// Whether the local port serves HTTPS (``LocalApplication/router(runtime:web:overTLS:now:)``
    /// sets it): every cookie then carries `Secure`.
    var overTLS = false
    /// The leader's signing service (`web.signService`), as an origin: the report page has
    /// the leader's personal signature made there. `nil`: the unit's signature alone.
    public let signService: String?
    /// `Static/ky-so.js`, the approval page's script talking to the signing service, read once.
    let signScript: ByteBuffer
    /// Reports' bundles prepared for the leader's signature, waiting for it.
    let preparedApprovals = PreparedApprovals()
    /// The personnel catalog to use where the province release in force carries none
    /// (``PersonnelService/init(work:calendar:catalog:)``); `nil`: the release's.
    public let personnelCatalog: PersonnelCatalog?
    /// Where the unit's pages live on its address: the root for a node alone, `/<unit>` for
    /// a unit hosted with others behind one address (``HostedUnits``).
    public let unitPath: UnitPath

    public init(work: NodeWork, security: SecurityPolicy, calendar: WorkingCalendar = WorkingCalendar(),
                sessions: SessionStore = SessionStore(), syncNow: (@Sendable () async throws -> String)? = nil,
                hosts: WebHosts = .loopback, signInThrottle: SignInThrottle = SignInThrottle(), signService: String? = nil,
                personnelCatalog: PersonnelCatalog? = nil, unitPath: UnitPath = .root) throws {
        self.unitPath = unitPath
        self.signService = signService
        self.personnelCatalog = personnelCatalog
        self.syncNow = syncNow
        self.hosts = hosts
        self.signInThrottle = signInThrottle
        self.work = work
        self.accounts = AccountService(store: work.store, policy: security)
        self.calendar = calendar
        self.sessions = sessions
        let unit = try work.runtime.topology().unit(code: work.home)
        self.pages = try PageRenderer(unitName: unit?.name ?? work.home.rawValue, unitCode: work.home.rawValue, unitPath: unitPath)
        self.styleSheet = try StaticFiles.styleSheet.get()
        self.signScript = try StaticFiles.signScript.get()
    }

    /// The session cookie, named after the unit: several nodes on one machine (the demo,
    /// a district office running two) keep separate sessions in one browser.
    var sessionCookie: String { "baocao_phien_\(work.home)" }
    /// Before sign-in, the cookie holding the sign-in form's CSRF token.
    var preSessionCookie: String { "baocao_csrf_\(work.home)" }

    var reports: ReportService { ReportService(work: work) }
    var sections: SectionService { SectionService(store: work.store) }
    var inbox: InboxService { InboxService(work: work) }
    var windows: WindowService { WindowService(work: work) }
    var notices: NoticeService { NoticeService(work: work) }
    var consolidation: ConsolidationService { ConsolidationService(store: work.store, home: work.home) }
    var completeness: CompletenessService { CompletenessService(store: work.store, home: work.home, calendar: calendar) }
    var obligations: ObligationService { ObligationService(work: work, calendar: calendar) }
    var dashboard: DashboardService { DashboardService(work: work) }
    var personnel: PersonnelService { PersonnelService(work: work, calendar: calendar, catalog: personnelCatalog) }
}
