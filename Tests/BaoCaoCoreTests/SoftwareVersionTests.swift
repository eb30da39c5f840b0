import Foundation
import Testing
@testable import BaoCaoCore

@Suite("Software versions and the maintenance window")
struct SoftwareVersionTests {
    /// Should order by numbers, not text, the Debian revision last.
    @Test func ordering_isNumeric() throws {
        let versions = try ["0.10.0", "0.9.0", "0.9.0-2", "1.0.0", "0.9.1"].map(SoftwareVersion.init(parsing:))
        #expect(versions.sorted().map(\.description) == ["0.9.0", "0.9.0-2", "0.9.1", "0.10.0", "1.0.0"])
        #expect(try SoftwareVersion(parsing: "0.2.0-0") == SoftwareVersion(parsing: "0.2.0"))
    }

    /// Should refuse every other spelling, naming the text.
    @Test func otherSpellings_areRefused() {
        for text in ["1.2", "01.2.0", "1.2.3.4", "1.2.x", "", "1.2.3-", "1.2.3-a", " 1.2.3"] {
            #expect(throws: CoreError(.invalidSoftwareVersion, message: "", log: "")) { try SoftwareVersion(parsing: text) }
        }
    }

    /// `baocao --version` prints this constant, which the Debian packaging reads.
    @Test func currentVersion_readsBackExactly() throws {
        #expect(try SoftwareVersion(parsing: BaoCaoVersion.current.description) == BaoCaoVersion.current)
    }

    /// Should judge the window in Vietnam's time (UTC+7), also across midnight.
    @Test func window_isVietnamTime() throws {
        let window = try MaintenanceWindow(parsing: "01:00-04:00")
        // 2026-12-06 18:30 UTC is 01:30 on the 7th in Vietnam.
        let inside = Date(timeIntervalSince1970: 1_796_581_800)
        #expect(window.contains(inside))
        #expect(!window.contains(inside.addingTimeInterval(3 * 3600)))
        let night = try MaintenanceWindow(parsing: "23:00-02:00")
        #expect(night.contains(inside))
        #expect(!night.contains(inside.addingTimeInterval(3600)))
        #expect(throws: CoreError(.invalidMaintenanceWindow, message: "", log: "")) { try MaintenanceWindow(parsing: "1:00-4:00") }
    }
}
