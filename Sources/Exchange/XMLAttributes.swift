import CLibXML2

/// An element's attributes as the parser gives them, read only during `start`: a
/// reader asks for the few it needs by name instead of every attribute being made
/// into Strings.
struct XMLAttributes {
    let count: Int
    /// Five pointers per attribute: local name, prefix, URI, value start, value end.
    let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The value of the attribute `name` (`prefix:local` for a prefixed one), or nil.
    subscript(name: String) -> String? {
        guard count > 0, let attributes else { return nil }
        var name = name
        return name.withUTF8 { wanted -> String? in
            let colon = wanted.firstIndex(of: UInt8(ascii: ":"))
            let local = colon.map { UnsafeBufferPointer(rebasing: wanted[($0 + 1)...]) } ?? wanted
            let prefix = colon.map { UnsafeBufferPointer(rebasing: wanted[..<$0]) }
            for n in 0..<count {
                let base = attributes + n * 5
                guard let localName = base[0], let start = base[3], let end = base[4],
                    Self.equal(localName, local)
                else { continue }
                if let prefix {
                    guard let given = base[1], Self.equal(given, prefix) else { continue }
                } else if base[1] != nil {
                    continue
                }
                return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
            }
            return nil
        }
    }

    /// Whether the NUL-terminated `cString` is exactly `bytes`.
    private static func equal(_ cString: UnsafePointer<xmlChar>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for (i, byte) in bytes.enumerated() where cString[i] != byte { return false }
        return cString[bytes.count] == 0
    }

    /// Every attribute, keyed `local` or `prefix:local`.
    var dictionary: [String: String] {
        var values: [String: String] = [:]
        guard count > 0, let attributes else { return values }
        values.reserveCapacity(count)
        for n in 0..<count {
            let base = attributes + n * 5
            guard let name = base[0], let start = base[3], let end = base[4] else { continue }
            var key = String(cString: name)
            if let prefix = base[1] { key = String(cString: prefix) + ":" + key }
            values[key] = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
        return values
    }
}
