import Crypto
import Foundation

/// PostgreSQL's stored form of a SCRAM-SHA-256 password (RFC 5802, RFC 7677): what
/// `ALTER ROLE ... PASSWORD` is given, worked out on this machine as `psql`'s
/// `\password` does, so that the password itself is never sent or logged.
enum SCRAMVerifier {
    static let iterations = 4096

    /// `SCRAM-SHA-256$4096:SALT$STOREDKEY:SERVERKEY`, base64, with a random salt (or `salt`).
    static func make(password: String, salt: [UInt8]? = nil) -> String {
        let salt = salt ?? (0..<16).map { _ in UInt8.random(in: .min ... .max) }
        // SASLprep of the password; for the passwords people type, its compatibility
        // normalisation (NFKC) is what changes anything.
        let prepared = Array(password.precomposedStringWithCompatibilityMapping.utf8)
        let salted = saltedPassword(prepared, salt: salt, iterations: iterations)
        let key = SymmetricKey(data: salted)
        let clientKey = Data(HMAC<SHA256>.authenticationCode(for: Array("Client Key".utf8), using: key))
        let storedKey = Data(SHA256.hash(data: clientKey))
        let serverKey = Data(HMAC<SHA256>.authenticationCode(for: Array("Server Key".utf8), using: key))
        return
            "SCRAM-SHA-256$\(iterations):\(Data(salt).base64EncodedString())$\(storedKey.base64EncodedString()):\(serverKey.base64EncodedString())"
    }

    /// Hi(password, salt, i): PBKDF2 with HMAC-SHA-256, one block.
    static func saltedPassword(_ password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var block = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = block
        for _ in 1..<iterations {
            block = Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
            for index in result.indices { result[index] ^= block[index] }
        }
        return result
    }
}
