import Testing
import Workbench

@Test func scratch() throws {
    let (session, _) = try Support.demoSession()
    print(session.render().lines.joined(separator: "\n"))
    session.type("}}t1")
    print(session.render().lines.joined(separator: "\n"))
    #expect(Bool(true))
}
