import FastMCP
import Foundation

/// A small, real domain: converting lengths, masses and temperatures.
public enum UnitConversion {
    public enum Unit: String, Codable, CaseIterable, Sendable, SchemaEnumeration {
        case millimetre, centimetre, metre, kilometre, inch, foot, yard, mile
        case milligram, gram, kilogram, ounce, pound
        case celsius, fahrenheit, kelvin

        enum Dimension: String { case length, mass, temperature }

        var dimension: Dimension {
            switch self {
            case .millimetre, .centimetre, .metre, .kilometre, .inch, .foot, .yard, .mile: return .length
            case .milligram, .gram, .kilogram, .ounce, .pound: return .mass
            case .celsius, .fahrenheit, .kelvin: return .temperature
            }
        }

        /// Factor to the SI base unit (metre, kilogram) for linear units.
        var factor: Double {
            switch self {
            case .millimetre: return 0.001
            case .centimetre: return 0.01
            case .metre: return 1
            case .kilometre: return 1000
            case .inch: return 0.0254
            case .foot: return 0.3048
            case .yard: return 0.9144
            case .mile: return 1609.344
            case .milligram: return 0.000001
            case .gram: return 0.001
            case .kilogram: return 1
            case .ounce: return 0.028349523125
            case .pound: return 0.45359237
            case .celsius, .fahrenheit, .kelvin: return 1
            }
        }
    }

    struct ConvertArguments: Decodable, Sendable, SchemaDetailed {
        var value: Double
        var from: Unit
        var to: Unit
        static let schemaDetails = SchemaDetails(properties: [
            "value": "The quantity to convert", "from": "Its unit", "to": "The unit wanted",
        ])
    }

    public struct Conversion: Codable, Sendable, Equatable {
        public var value: Double
        public var unit: Unit
    }

    struct ListArguments: Decodable, Sendable {
        var dimension: String?
    }

    /// Converts `value` from one unit to another of the same dimension.
    /// The dimensions a drill can practise (a prompt argument: one of these strings).
    enum DrillDimension: String, Codable, CaseIterable, Sendable, SchemaEnumeration {
        case length, mass, temperature
    }

    public static func convert(_ value: Double, from: Unit, to: Unit) throws -> Double {
        guard from.dimension == to.dimension else {
            throw ToolError("cannot convert \(from.dimension.rawValue) (\(from.rawValue)) to \(to.dimension.rawValue) (\(to.rawValue))")
        }
        guard value.isFinite else { throw ToolError("value must be a finite number") }
        if from.dimension == .temperature {
            let kelvin: Double
            switch from {
            case .celsius: kelvin = value + 273.15
            case .fahrenheit: kelvin = (value - 32) * 5 / 9 + 273.15
            default: kelvin = value
            }
            guard kelvin >= 0 else { throw ToolError("\(value) \(from.rawValue) is below absolute zero") }
            switch to {
            case .celsius: return kelvin - 273.15
            case .fahrenheit: return (kelvin - 273.15) * 9 / 5 + 32
            default: return kelvin
            }
        }
        return value * from.factor / to.factor
    }

    static func register(on server: FastMCPServer) {
        server.tool(
            "convert", description: "Converts a length, mass or temperature between units.", output: Conversion.self,
            annotations: .readOnly
        ) { (args: ConvertArguments, _) in
            let converted = try convert(args.value, from: args.from, to: args.to)
            return Conversion(value: (converted * 1e9).rounded() / 1e9, unit: args.to)
        }
        server.resource("units://list", name: "units", description: "Every unit, by dimension.", mimeType: "application/json") { _ in
            var byDimension: [String: [String]] = [:]
            for unit in Unit.allCases { byDimension[unit.dimension.rawValue, default: []].append(unit.rawValue) }
            let data = try JSONSerialization.data(withJSONObject: byDimension, options: [.sortedKeys])
            return .text(String(decoding: data, as: UTF8.self), mimeType: "application/json")
        }
        try? server.resourceTemplate("units://{dimension}", name: "units-by-dimension", description: "The units of one dimension.", mimeType: "text/plain") { variables, _ in
            let dimension = variables["dimension"] ?? ""
            let units = Unit.allCases.filter { $0.dimension.rawValue == dimension }.map(\.rawValue)
            guard !units.isEmpty else { throw ToolError("unknown dimension \(dimension): use length, mass or temperature") }
            return .text(units.joined(separator: "\n"))
        }
        struct ExplainArguments: Decodable, Sendable, SchemaDetailed {
            var quantity: String
            static let schemaDetails = SchemaDetails(properties: [
                "quantity": SchemaProperty("A quantity with its unit, e.g. \"3 feet\"", minLength: 1, maxLength: 200)
            ])
        }
        server.prompt("explain-conversion", description: "Ask for a conversion with its reasoning.") { (args: ExplainArguments, _) in
            [.user("Convert \(args.quantity) to metric units with the convert tool, and explain each step.")]
        }
        server.tool(
            "list_units", description: "The names of every unit the convert tool knows (a list, not an object: wrapped as {\"result\": […]}).",
            output: [String].self, annotations: .readOnly
        ) { (_: NoArguments, _) in
            Unit.allCases.map(\.rawValue)
        }
        struct DrillArguments: Decodable, Sendable, SchemaDetailed {
            var dimension: DrillDimension
            var count: Int
            static let schemaDetails = SchemaDetails(properties: [
                "dimension": "length, mass or temperature",
                "count": SchemaProperty("How many exercises (default 3)", minimum: 1, maximum: 20, default: 3),
            ])
        }
        server.prompt("conversion-drill", description: "Practice conversions: a number of exercises for one dimension.") {
            (args: DrillArguments, _) in
            [.user("Give me \(args.count) \(args.dimension.rawValue) conversion exercises, then check my answers with the convert tool.")]
        }
    }
}
