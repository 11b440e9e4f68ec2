/// A plain-text table with aligned columns: text left-aligned, numbers right-aligned.
///
/// ```swift
/// var table = TextTable(["name", "sent", "errors"])
/// table.append(["analytics", "120", "0"])
/// print(table.render())
/// ```
public struct TextTable: Sendable {
    /// The column titles.
    public let headers: [String]
    /// The rows so far; each has as many cells as there are headers.
    public private(set) var rows: [[String]] = []

    /// Creates an empty table.
    public init(_ headers: [String]) {
        self.headers = headers
    }

    /// Appends a row; missing cells are blank, extra cells are dropped.
    public mutating func append(_ cells: [String]) {
        rows.append((0..<headers.count).map { cells.indices.contains($0) ? cells[$0] : "" })
    }

    /// The table as lines: header, a rule, then the rows.
    public func render() -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        let numeric = headers.indices.map { column in
            !rows.isEmpty && rows.allSatisfy { Self.looksNumeric($0[column]) }
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return numeric[column] ? padding + cells[column] : cells[column] + padding
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        var lines = [line(headers)]
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func looksNumeric(_ cell: String) -> Bool {
        if cell == "-" { return true }
        guard let first = cell.first, first.isNumber else { return false }
        return cell.allSatisfy { $0.isNumber || ".%ms".contains($0) }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        String(reversed().drop { $0 == " " }.reversed())
    }
}
