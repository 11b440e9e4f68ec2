/// Appends JSON tokens to a byte buffer: the building block of ``WireEncoder``.
///
/// Strings are escaped minimally (`"`, `\` and control characters; everything else,
/// non-ASCII included, is copied as UTF-8), integers are written digit by digit without
/// allocating, and doubles in the shortest form that reads back to the same value.
enum JSONWriter {
    /// Appends the bytes of a static text.
    @inline(__always)
    static func raw(_ text: StaticString, into buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends any JSON value.
    static func value(_ value: JSONValue, into buffer: inout [UInt8]) {
        switch value {
        case .null:
            raw("null", into: &buffer)
        case .bool(let flag):
            if flag { raw("true", into: &buffer) } else { raw("false", into: &buffer) }
        case .integer(let number):
            integer(number, into: &buffer)
        case .double(let number):
            double(number, into: &buffer)
        case .string(let text):
            string(text, into: &buffer)
        case .array(let elements):
            buffer.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                self.value(element, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .object(let object):
            buffer.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                string(member.key, into: &buffer)
                buffer.append(UInt8(ascii: ":"))
                self.value(member.value, into: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }

    /// Appends an integer in decimal.
    static func integer(_ number: Int64, into buffer: inout [UInt8]) {
        if number < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        if magnitude < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var index = 20
            while magnitude > 0 {
                index -= 1
                digits[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[index...]))
        }
    }

    /// Appends a double in the shortest form that reads back to the same value
    /// (`Double.description`, which always has a `.` or an exponent, so it reads back as
    /// a double, and writes exponents as `e+20`/`e-05`, both valid JSON). JSON has no
    /// infinities or NaN: those are written as `null`.
    static func double(_ number: Double, into buffer: inout [UInt8]) {
        guard number.isFinite else {
            raw("null", into: &buffer)
            return
        }
        buffer.append(contentsOf: number.description.utf8)
    }

    /// Appends a string in quotes, escaped.
    static func string(_ text: String, into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        if text.utf8.withContiguousStorageIfAvailable({ escaped($0, into: &buffer) }) == nil {
            var copy = text
            copy.withUTF8 { escaped($0, into: &buffer) }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 text with `"`, `\` and control characters escaped.
    private static func escaped(_ utf8: UnsafeBufferPointer<UInt8>, into buffer: inout [UInt8]) {
        var runStart = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            runStart = index + 1
            buffer.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(byte)
            case 0x0A: buffer.append(UInt8(ascii: "n"))
            case 0x0D: buffer.append(UInt8(ascii: "r"))
            case 0x09: buffer.append(UInt8(ascii: "t"))
            case 0x08: buffer.append(UInt8(ascii: "b"))
            case 0x0C: buffer.append(UInt8(ascii: "f"))
            default:
                let hex: StaticString = "0123456789abcdef"
                raw("u00", into: &buffer)
                buffer.append(hex.utf8Start[Int(byte >> 4)])
                buffer.append(hex.utf8Start[Int(byte & 0xF)])
            }
        }
        if runStart < utf8.count { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }
}
