#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The two astronomical quantities the lunar calendar is built from: when a new moon
/// happens, and where the sun is on the ecliptic.
///
/// These are the truncated series of Jean Meeus, *Astronomical Algorithms*, in the form
/// Hồ Ngọc Đức uses for the Vietnamese calendar. They are accurate to minutes, which is
/// what the calendar needs: it only asks on which *day* (at UTC+7) a new moon falls, and in
/// which 30° sector the sun stands at the start of a day. Doubles are fine here; nothing
/// computed here is a report figure.
enum Astronomy {
    /// The mean length of a lunation (synodic month), in days.
    static let synodicMonth = 29.530588853

    /// The Julian day (a real number, UT) of new moon number `k`, counted from the new
    /// moon of 1900-01-01 (k = 0).
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85  // Julian centuries since 1900-01-00.5
        let t2 = t * t
        let t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  // sun's mean anomaly
        let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  // moon's mean anomaly
        let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  // moon's argument of latitude
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 -= 0.4068 * sin(mpr * dr)
        c1 += 0.0161 * sin(dr * 2 * mpr)
        c1 -= 0.0004 * sin(dr * 3 * mpr)
        c1 += 0.0104 * sin(dr * 2 * f)
        c1 -= 0.0051 * sin(dr * (m + mpr))
        c1 -= 0.0074 * sin(dr * (m - mpr))
        c1 += 0.0004 * sin(dr * (2 * f + m))
        c1 -= 0.0004 * sin(dr * (2 * f - m))
        c1 -= 0.0006 * sin(dr * (2 * f + mpr))
        c1 += 0.0010 * sin(dr * (2 * f - mpr))
        c1 += 0.0005 * sin(dr * (2 * mpr + m))
        // ΔT, the difference between dynamical time and universal time, in days.
        let deltaT: Double
        if t < -11 {
            deltaT = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
        } else {
            deltaT = -0.000278 + 0.000265 * t + 0.000262 * t2
        }
        return jd1 + c1 - deltaT
    }

    /// The sun's apparent ecliptic longitude at Julian day `jd` (UT), in radians, 0 ..< 2π.
    static func sunLongitude(julianDay jd: Double) -> Double {
        let t = (jd - 2_451_545.0) / 36525  // Julian centuries since J2000.0
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2  // mean anomaly
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2  // mean longitude
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)  // equation of centre
        dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr
        l -= 2 * Double.pi * (l / (2 * Double.pi)).rounded(.down)
        return l
    }
}
