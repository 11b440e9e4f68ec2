import Testing
import WebhookKitCLI

@Suite("Argument parser")
struct ArgumentParserTests {
    static let root = CommandSpec(
        name: "tool", summary: "A tool.",
        options: [.value("store", "PATH", "Store file.")],
        subcommands: [
            CommandSpec(
                name: "add", summary: "Adds.",
                options: [.value("name", "NAME", "Name."), .flag("force", "Force."), .value("on", "PATTERN", "Pattern.", repeatable: true)]
            ),
            CommandSpec(name: "show", summary: "Shows.", positionals: [PositionalSpec("ID", "The id.")]),
        ]
    )

    private func parsed(_ arguments: [String]) throws -> ParsedArguments {
        guard case .run(let parsed) = try ArgumentParser.parse(arguments, Self.root) else {
            throw UsageError("expected a command, got help")
        }
        return parsed
    }

    private func usageMessage(_ arguments: [String]) -> String? {
        do {
            _ = try ArgumentParser.parse(arguments, Self.root)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func parsesValuesFlagsInheritedOptionsAndOrder() throws {
        let arguments = try parsed(["add", "--store=x.db", "--name", "hub", "--force", "--on", "A.*", "--on", "B"])
        #expect(arguments.path.subcommandNames == ["add"])
        #expect(arguments.string("store") == "x.db")
        #expect(arguments.string("name") == "hub")
        #expect(arguments.has("force"))
        #expect(arguments.strings("on") == ["A.*", "B"])
    }

    @Test func positionalsAndDoubleDash() throws {
        #expect(try parsed(["show", "abc"]).positional(0) == "abc")
        #expect(try parsed(["show", "--", "--weird-id"]).positional(0) == "--weird-id")
    }

    @Test func usageErrorsNameTheProblemOnOneLine() {
        #expect(usageMessage(["add", "--nope"])?.contains("unknown option --nope") == true)
        #expect(usageMessage(["add", "--name"]) == "--name needs a value")
        #expect(usageMessage(["add", "--name", "a", "--name", "b"]) == "--name given more than once")
        #expect(usageMessage(["add", "--force=yes"]) == "--force takes no value")
        #expect(usageMessage(["frobnicate"])?.contains("unknown command \"frobnicate\"") == true)
        #expect(usageMessage([])?.contains("needs a command: add, show") == true)
        #expect(usageMessage(["show"])?.contains("needs ID") == true)
        #expect(usageMessage(["show", "a", "b"])?.contains("unexpected argument \"b\"") == true)
        #expect(UsageError("two\nlines").message == "two lines")
    }

    @Test func helpWinsAnywhereAndListsInheritedOptions() throws {
        guard case .help(let path) = try ArgumentParser.parse(["add", "--bogus", "-h"], Self.root) else {
            Issue.record("expected help")
            return
        }
        #expect(path.name == "tool add")
        #expect(path.helpText.contains("--store PATH"))
        #expect(path.helpText.contains("--on PATTERN"))
        #expect(path.helpText.contains("(repeatable)"))
        guard case .help(let rootPath) = try ArgumentParser.parse(["--help"], Self.root) else {
            Issue.record("expected help")
            return
        }
        #expect(rootPath.helpText.contains("Commands:"))
        #expect(rootPath.helpText.contains("show"))
    }

    @Test func typedAccessorsRejectBadValues() throws {
        let spec = CommandSpec(name: "t", summary: "", options: [.value("n", "N", ""), .value("d", "DURATION", "")])
        guard case .run(let arguments) = try ArgumentParser.parse(["--n", "x", "--d", "5 minutes"], spec) else { return }
        #expect(throws: UsageError("--n: \"x\" is not a whole number")) { try arguments.integer("n") }
        #expect(throws: UsageError.self) { try arguments.duration("d") }
        #expect(throws: UsageError("--missing is required")) { try arguments.required("missing") }
    }

    @Test func commandLineToolExitStatuses() async {
        let spec = CommandSpec(name: "t", summary: "", options: [.flag("fail", "")])
        #expect(await CommandLineTool.run(spec, arguments: ["--help"]) { _ in } == 0)
        #expect(await CommandLineTool.run(spec, arguments: ["--nope"]) { _ in } == 2)
        #expect(await CommandLineTool.run(spec, arguments: []) { _ in } == 0)
        #expect(await CommandLineTool.run(spec, arguments: []) { _ in throw ExitStatus(7) } == 7)
        #expect(await CommandLineTool.run(spec, arguments: []) { _ in throw UsageError("x") } == 2)
        #expect(await CommandLineTool.run(spec, arguments: []) { _ in throw CancellationError() } == 1)
    }
}

@Suite("Duration text")
struct DurationTextTests {
    @Test func parsesUnitsAndCombinations() {
        #expect(DurationText.parse("0") == .zero)
        #expect(DurationText.parse("250ms") == .milliseconds(250))
        #expect(DurationText.parse("30s") == .seconds(30))
        #expect(DurationText.parse("2m") == .seconds(120))
        #expect(DurationText.parse("1h") == .seconds(3600))
        #expect(DurationText.parse("1m30s") == .seconds(90))
        #expect(DurationText.parse("1.5s") == .milliseconds(1500))
    }

    @Test func refusesWhatIsNotADuration() {
        for text in ["", "5", "m", "5x", "-1s", "1s2", "abc", "1e3s"] {
            #expect(DurationText.parse(text) == nil, "\(text)")
        }
    }

    @Test func formatsShortly() {
        #expect(DurationText.format(.seconds(120)) == "2m")
        #expect(DurationText.format(.seconds(5430)) == "1h30m30s")
        #expect(DurationText.format(.milliseconds(250)) == "250ms")
        #expect(DurationText.format(.zero) == "0s")
    }
}
