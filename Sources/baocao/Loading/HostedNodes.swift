import BaoCaoCore
import BaoCaoStore
import BaoCaoWeb
import Foundation

/// The units `host.yaml` names, opened and checked before anything starts: each a node
/// initialised from its own configuration, none named twice, none sharing another's data
/// directory or sync port, every one a unit of the province the host serves.
struct HostedNodes {
    let file: String
    let configuration: HostConfiguration
    let province: UnitCode
    /// The name on the first page: `title`, or the province's name.
    let title: String
    let nodes: [NodeContext]
    /// The units that moved out to a machine of their own (``MovedUnitMark``): named in
    /// `host.yaml` but not run.
    let moved: [MovedUnitMark]

    init(configFile file: String) throws {
        let configuration = try YAMLDocument.decode(HostConfiguration.self, fromFile: file)
        let province: UnitCode
        do {
            province = try UnitCode(parsing: configuration.province)
        } catch {
            throw CLIError("Tệp \(file): mã tỉnh \"\(configuration.province)\" (mục province) không phải mã đơn vị hợp lệ.")
        }
        guard !configuration.unitFiles.isEmpty else {
            throw CLIError("Tệp \(file) chưa khai báo đơn vị nào (mục units: danh sách tệp cấu hình nút của từng đơn vị).")
        }
        if case .node = configuration.web?.tls {
            throw CLIError("Tệp \(file): web.tls không dùng được \"node\" (chứng thư của một nút chỉ mang tên đơn vị đó); "
                           + "hãy khai báo certificate và key, hoặc pkcs12, của địa chỉ chung.")
        }
        let folder = (file as NSString).deletingLastPathComponent
        var seenFiles: [String: Int] = [:]
        var seenUnits: [UnitCode: String] = [:]
        var seenData: [String: String] = [:]
        var seenSync: [String: String] = [:]
        var nodes: [NodeContext] = []
        var moved: [MovedUnitMark] = []
        var provinceName: String?
        for (index, entry) in configuration.unitFiles.enumerated() {
            let path = URL(fileURLWithPath: LoadedConfiguration.resolve(entry, against: folder)).standardizedFileURL.path
            if let first = seenFiles[path] {
                throw CLIError("Tệp \(file) khai báo tệp cấu hình \(entry) hai lần (mục units, dòng thứ \(first + 1) và \(index + 1)).")
            }
            seenFiles[path] = index
            if let mark = try? MovedUnitMark.read(in: LoadedConfiguration(file: path).dataDirectory) {
                moved.append(mark)
                continue
            }
            let node: NodeContext
            do {
                node = try NodeContext(configFile: path)
            } catch {
                throw CLIError("Đơn vị thứ \(index + 1) của \(file) (\(entry)): \(UserFacingError.line(for: error) ?? "\(error)")")
            }
            let unit = node.homeUnit
            if let other = seenUnits[unit] {
                throw CLIError("Tệp \(file) khai báo đơn vị \(unit) hai lần: \(other) và \(entry) đều là nút của \(unit).")
            }
            seenUnits[unit] = entry
            let data = URL(fileURLWithPath: node.loaded.dataDirectory).standardizedFileURL.path
            if let other = seenData[data] {
                throw CLIError("Hai đơn vị của \(file) dùng chung thư mục dữ liệu \(data) (\(other) và \(entry)): mỗi đơn vị phải có thư mục riêng.")
            }
            seenData[data] = entry
            if let sync = node.configuration.network?.syncListen {
                if let other = seenSync[sync] {
                    throw CLIError("Hai đơn vị của \(file) cùng nghe đồng bộ tại \(sync) (\(other) và \(entry)).")
                }
                seenSync[sync] = entry
            }
            let topology = try node.store.topology()
            let root = topology.ancestors(of: unit).last ?? topology.unit(code: unit)
            guard root?.code == province else {
                let name = topology.unit(code: unit).map { "\($0.name) (\(unit))" } ?? "\(unit)"
                throw CLIError("Đơn vị \(name) của \(entry) không thuộc tỉnh \(province) mà \(file) phục vụ (mục province): "
                               + "máy chủ chung chỉ chạy nút của các đơn vị trong một tỉnh.")
            }
            if provinceName == nil { provinceName = topology.unit(code: province)?.name }
            nodes.append(node)
        }
        self.file = file
        self.configuration = configuration
        self.province = province
        self.title = configuration.title ?? provinceName ?? "Tỉnh \(province)"
        self.nodes = nodes
        self.moved = moved
    }

    /// The configuration file `host.yaml` names for `unit`, read without opening any node.
    static func configuration(of unit: UnitCode, in file: String) throws -> LoadedConfiguration {
        let configuration = try YAMLDocument.decode(HostConfiguration.self, fromFile: file)
        let folder = (file as NSString).deletingLastPathComponent
        for entry in configuration.unitFiles {
            let loaded = try LoadedConfiguration(file: LoadedConfiguration.resolve(entry, against: folder))
            if loaded.configuration.unit == unit { return loaded }
        }
        throw CLIError("Tệp \(file) không có đơn vị \(unit) (mục units).")
    }
}
