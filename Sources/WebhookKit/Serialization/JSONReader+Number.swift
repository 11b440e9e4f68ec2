extension JSONReader {
    /// Exact powers of ten as doubles, for the fast path of ``readNumber()``.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Reads a number at `position`.
    ///
    /// Without fraction or exponent it must fit `Int64` and becomes `.integer`; beyond that
    /// it is `numberOutOfRange`, never rounded. Anything else becomes `.double`, correctly
    /// rounded: exactly via one multiplication or division when the digits fit 2^53 and
    /// the power of ten is exact (Clinger's fast path), otherwise by the standard
    /// library's correctly rounded parser. A magnitude beyond `Double` is `numberOutOfRange`.
    mutating func readNumber() throws(WireDecodingError) -> JSONValue {
        let start = position
        var index = position
        let negative = base[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < end else { throw .raw(.unexpectedEnd, at: end) }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var overflowed = false
        let first = base[index]
        guard first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { throw .raw(.invalidNumber, at: start) }
        if first == UInt8(ascii: "0") {
            index += 1
            if index < end, base[index] >= UInt8(ascii: "0"), base[index] <= UInt8(ascii: "9") {
                throw .raw(.invalidNumber, at: start)
            }
        } else {
            while index < end {
                let digit = base[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                accumulate(digit, into: &mantissa, significantDigits: &significantDigits, overflowed: &overflowed)
                index += 1
            }
        }
        var decimalExponent = 0
        var isInteger = true
        if index < end, base[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            let fractionStart = index
            while index < end {
                let digit = base[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                accumulate(digit, into: &mantissa, significantDigits: &significantDigits, overflowed: &overflowed)
                if !overflowed { decimalExponent -= 1 }
                index += 1
            }
            guard index > fractionStart else { throw index < end ? .raw(.invalidNumber, at: start) : .raw(.unexpectedEnd, at: end) }
        }
        if index < end, base[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            var exponentNegative = false
            if index < end, base[index] == UInt8(ascii: "-") || base[index] == UInt8(ascii: "+") {
                exponentNegative = base[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            var exponent = 0
            while index < end {
                let digit = base[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }
                index += 1
            }
            guard index > exponentStart else { throw index < end ? .raw(.invalidNumber, at: start) : .raw(.unexpectedEnd, at: end) }
            decimalExponent += exponentNegative ? -exponent : exponent
        }
        position = index
        if isInteger {
            guard !overflowed else { throw .raw(.numberOutOfRange, at: start) }
            if negative {
                guard mantissa <= UInt64(Int64.max) + 1 else { throw .raw(.numberOutOfRange, at: start) }
                return .integer(mantissa == UInt64(Int64.max) + 1 ? .min : -Int64(mantissa))
            }
            guard mantissa <= UInt64(Int64.max) else { throw .raw(.numberOutOfRange, at: start) }
            return .integer(Int64(mantissa))
        }
        if !overflowed, mantissa <= 1 << 53, decimalExponent >= -22, decimalExponent <= 22 {
            var value = Double(mantissa)
            if decimalExponent < 0 {
                value /= Self.powersOfTen[-decimalExponent]
            } else {
                value *= Self.powersOfTen[decimalExponent]
            }
            return .double(negative ? -value : value)
        }
        return try parseDoubleSlowly(from: start, to: index)
    }

    /// Adds one digit to the mantissa; past 19 significant digits only notes overflow
    /// (the slow path then parses the text itself).
    @inline(__always)
    private func accumulate(_ digit: UInt8, into mantissa: inout UInt64, significantDigits: inout Int, overflowed: inout Bool) {
        if mantissa == 0 && digit == 0 { return }
        significantDigits += 1
        if significantDigits > 19 {
            overflowed = true
            return
        }
        mantissa = mantissa * 10 + UInt64(digit)
    }

    /// Parses a validated number text with the standard library, which rounds correctly.
    private func parseDoubleSlowly(from start: Int, to stop: Int) throws(WireDecodingError) -> JSONValue {
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: stop - start), as: UTF8.self)
        guard let value = Double(text) else { throw .raw(.invalidNumber, at: start) }
        guard value.isFinite else { throw .raw(.numberOutOfRange, at: start) }
        return .double(value)
    }
}
