#if AIAssistant
    import CodingEngine
    import MCP

    /// A tool call's arguments, read with a message the model can act on when one is
    /// missing or of the wrong kind.
    struct ToolArguments {
        /// A problem with the arguments, said to the model as the tool's error.
        struct Problem: Error, CustomStringConvertible {
            var description: String
        }

        let values: [String: Value]

        init(_ values: [String: Value]?) { self.values = values ?? [:] }

        func string(_ name: String) throws -> String? {
            guard let value = values[name], !value.isNull else { return nil }
            guard let text = value.stringValue else { throw Problem(description: "\(name) must be a string") }
            return text
        }

        func requiredString(_ name: String) throws -> String {
            guard let text = try string(name), !text.isEmpty else {
                throw Problem(description: "\(name) is required")
            }
            return text
        }

        /// A whole number; JSON's 12.0 is taken as 12.
        func integer(_ name: String) throws -> Int? {
            guard let value = values[name], !value.isNull else { return nil }
            return try Self.integer(value, name: name)
        }

        static func integer(_ value: Value, name: String) throws -> Int {
            if let whole = value.intValue { return whole }
            if let number = value.doubleValue, number.rounded() == number, abs(number) < 1e15 { return Int(number) }
            throw Problem(description: "\(name) must be a whole number (a Unicode scalar offset)")
        }

        static func number(_ value: Value?, name: String) throws -> Double {
            if let number = value?.doubleValue { return number }
            if let whole = value?.intValue { return Double(whole) }
            throw Problem(description: "\(name) must be a number")
        }

        /// A true or false; absent is false.
        func flag(_ name: String) throws -> Bool {
            guard let value = values[name], !value.isNull else { return false }
            guard let flag = value.boolValue else { throw Problem(description: "\(name) must be true or false") }
            return flag
        }

        func strings(_ name: String) throws -> [String] {
            guard let value = values[name], !value.isNull else { return [] }
            if let one = value.stringValue { return [one] }
            guard let list = value.arrayValue else { throw Problem(description: "\(name) must be a list of strings") }
            return try list.map {
                guard let text = $0.stringValue else { throw Problem(description: "\(name) must be a list of strings") }
                return text
            }
        }
    }
#endif
