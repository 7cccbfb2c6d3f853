import CodingEngine
import Testing

/// GUIDs as REFI-QDA files write them, stored one way.
@Suite struct GUIDTests {
    @Test(
        "braces and capitals go; a GUID already stored so comes back as it is",
        arguments: [
            ("0c9a5a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6", "0c9a5a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6"),
            ("0C9A5A3E-1B2C-4D5E-8F90-A1B2C3D4E5F6", "0c9a5a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6"),
            ("{0c9a5a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6}", "0c9a5a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6"),
            ("{0C9a5a3e-1b2c-4d5e-8f90-a1b2c3d4e5F6}", "0c9a5a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6"),
        ])
    func normalized(_ raw: String, _ stored: String) {
        #expect(GUID.normalized(raw) == stored)
    }

    @Test(
        "what is not a GUID is not made one",
        arguments: [
            "", "{}", "0c9a5a3e-1b2c-4d5e-8f90-a1b2c3d4e5f", "0c9a5a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6a",
            "0c9a5a3e_1b2c-4d5e-8f90-a1b2c3d4e5f6", "0c9a5a3g-1b2c-4d5e-8f90-a1b2c3d4e5f6",
            "{0c9a5a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6",
            " 0c9a5a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6", "0c9a5a3e-1b2c-4d5e-8f90-a1b2c3d4e5é",
        ])
    func refused(_ raw: String) {
        #expect(GUID.normalized(raw) == nil)
    }
}
