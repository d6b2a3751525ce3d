import SwiftParser
import SwiftSyntax
import Testing

@testable import FastMCPMacrosImplementation

/// Doc comments read the way DocC reads them: text, then parameters; callouts left out.
@Suite struct DocCommentTests {
    static func read(_ source: String) -> DocComment {
        let file = Parser.parse(source: source)
        let function = file.statements.first!.item.as(FunctionDeclSyntax.self)!
        return DocComment(of: function, before: function.name)
    }

    @Test func lineCommentsWithAParametersListContinuationsAndCallouts() {
        let doc = Self.read("""
            /// Converts a value.
            /// It keeps the sign.
            ///
            /// Units must share a dimension.
            /// - Parameters:
            ///   - value: The quantity,
            ///     in any unit.
            ///   - to: The unit wanted.
            /// - Throws: When the dimensions differ.
            /// - Returns: The converted value.
            func convert(value: Double, to: String) {}
            """)
        #expect(doc.text == "Converts a value. It keeps the sign.\n\nUnits must share a dimension.")
        #expect(doc.parameters == ["value": "The quantity, in any unit.", "to": "The unit wanted."])
    }

    @Test func blockCommentsAndSingleParameterLines() {
        let doc = Self.read("""
            /**
             * Greets someone.
             * - Parameter name: Who to greet.
             * - Note: Politely.
             */
            func greet(name: String) {}
            """)
        #expect(doc.text == "Greets someone.")
        #expect(doc.parameters == ["name": "Who to greet."])
    }

    @Test func plainCommentsAreNotDocumentation() {
        let doc = Self.read("""
            // Not documentation.
            func f() {}
            """)
        #expect(doc.text == nil)
        #expect(doc.parameters.isEmpty)
    }
}
