import BaoCaoCore
import BaoCaoExchange
import Foundation

/// ADX files: one written by ``AdxWriter`` from the seed form's figures, one as another
/// system may write it (a prefix for the ADX namespace, an annotation, comments, CDATA,
/// character references, a byte-order mark and CRLF line ends), and the XML the strict
/// reader must refuse — a processing instruction without data (`<?x?>`, which crashed
/// FoundationXML), a DTD declaring entities (billion laughs, an external entity), an
/// undefined entity, another encoding.
enum AdxSeeds {
    static func make() throws -> [(String, Data)] {
        let catalog = FuzzSeedCatalog.catalog
        let written = try AdxWriter(catalog: catalog, mapping: .identity).write(
            regime: "KTXH-THANG", period: "2026-10",
            units: [AdxUnitValues(unit: "05290", values: [ValueKey("NN02"): "1245.5", ValueKey("NN03"): "7093.2", ValueKey("LD02"): "1234567"])],
            exported: FuzzTrust.signingTime)
        var seeds: [(String, Data)] = [("written.adx", Data(written.xml.utf8))]
        seeds.append(("foreign.adx", Data([0xEF, 0xBB, 0xBF]) + Data(foreign.utf8)))
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let body = #"<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-11-16T08:00:00Z"><group orgUnit="05290" period="2026-10-15/P1M" dataSet="KTXH-THANG"><dataValue dataElement="NN02" value="1"/></group></adx>"#
        let refused: [(String, String)] = [
            ("refused-pi-no-data.adx", header + "<?x?>\n" + body),
            ("refused-pi-in-group.adx", header + body.replacingOccurrences(of: "<dataValue", with: "<?php echo 1 ?><dataValue")),
            ("refused-billion-laughs.adx", header + """
                <!DOCTYPE adx [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
                """ + body.replacingOccurrences(of: #"value="1""#, with: #"value="&c;""#)),
            ("refused-external-entity.adx", header + #"<!DOCTYPE adx [<!ENTITY x SYSTEM "file:///etc/passwd">]>"# + body.replacingOccurrences(of: #"value="1""#, with: #"value="&x;""#)),
            ("refused-undefined-entity.adx", header + body.replacingOccurrences(of: #"value="1""#, with: #"value="&nbsp;1""#)),
            ("refused-latin1.adx", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + body),
            ("refused-not-adx.adx", header + "<root/>"),
        ]
        seeds += refused.map { ($0.0, Data($0.1.utf8)) }
        return seeds
    }

    static let foreign = """
        <?xml version="1.0" encoding="utf-8" standalone="yes"?>\r
        <!-- exported by another system -->\r
        <a:adx xmlns:a="urn:ihe:qrph:adx:2015" xmlns:x="urn:example" exported='2026-11-16T08:00:00+07:00' x:note="A &amp; B">\r
          <a:group orgUnit="OU_&#x110;" period="2026-10-15/P1M" dataSet="DS_KTXH">\r
            <a:dataValue dataElement="RICE" SEX="F" value=" 12.5 "><a:annotation><x:any><![CDATA[ghi chú <tự do>]]></x:any>Đã &quot;kiểm tra&quot;</a:annotation></a:dataValue>\r
            <a:dataValue dataElement="WORKERS" value="&#49;20"/>\r
          </a:group>\r
        </a:adx>\r

        """
}
