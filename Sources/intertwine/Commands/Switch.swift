import ArgumentParser

/// A project setting's `on` or `off`, as `blind` and `ai` take it (nil: say which it is).
enum Switch: String, ExpressibleByArgument {
    case on, off

    /// The argument's help, the same for every switch.
    static let help = ArgumentHelp("on or off.", valueName: "on|off")
}
