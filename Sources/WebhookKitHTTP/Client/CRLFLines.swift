/// The lines of a head, split on CRLF (a bare CR or LF stays inside its line and is
/// refused there as a control character).
struct CRLFLines {
    private let bytes: HTTPResponseParser.Bytes
    private var position: Int
    private var finished = false

    init(_ bytes: HTTPResponseParser.Bytes) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    mutating func next() -> HTTPResponseParser.Bytes? {
        guard !finished else { return nil }
        var index = position
        while index + 1 < bytes.endIndex {
            if bytes[index] == 0x0D, bytes[index + 1] == 0x0A {
                let line = bytes[position..<index]
                position = index + 2
                return line
            }
            index += 1
        }
        finished = true
        return bytes[position..<bytes.endIndex]
    }
}
