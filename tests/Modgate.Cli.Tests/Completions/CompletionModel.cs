using System.CommandLine;
using System.CommandLine.Completions;
using Modgate.Cli.Commands;

namespace Modgate.Cli.Tests.Completions;

/// <summary>What a value completes to: nothing to offer, files, directories, a command line, or fixed words.</summary>
internal enum ValueKind { None, Files, Directories, CommandLine, Words }

internal sealed record CompletedValue(ValueKind Kind, IReadOnlyList<string> Words);

internal sealed record CompletedOption(IReadOnlyList<string> Names, string Description, bool TakesValue, bool Repeatable, CompletedValue Value);

internal sealed record CompletedCommand(string Name, string Description, IReadOnlyList<CompletedOption> Options, IReadOnlyList<CompletedValue> Arguments);

/// <summary>
/// The real `modgate` command tree (CommandRegistry, with the options every command inherits) reduced to what a
/// shell completion needs. The completion scripts are written from this, so they cannot drift from the CLI.
/// </summary>
internal static class CompletionModel
{
    public static IReadOnlyList<CompletedOption> RootOptions(RootCommand root) =>
        [.. root.Options.Select(Describe).OfType<CompletedOption>()];

    public static IReadOnlyList<CompletedCommand> Commands(RootCommand root) =>
        [.. root.Subcommands.Where(c => !c.Hidden).Select(command => new CompletedCommand(
            command.Name,
            FirstSentence(command.Description),
            [.. command.Options.Concat(root.Options.Where(o => o.Recursive)).Select(Describe).OfType<CompletedOption>()],
            [.. command.Arguments.Select(ArgumentValue)]))];

    public static RootCommand Root() => CommandRegistry.BuildRoot();

    private static CompletedOption? Describe(Option option)
    {
        // System.CommandLine's Windows-style spellings (/h, /?, -?) are not worth offering in a Unix shell.
        var names = new[] { option.Name }.Concat(option.Aliases).Where(n => n.StartsWith('-') && n != "-?").Distinct().ToArray();
        if (option.Hidden || names.Length == 0) return null;
        var takesValue = option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0;
        var repeatable = option.ValueType.IsArray;
        var value = takesValue ? ValueOf(option.HelpName, Words(option)) : new CompletedValue(ValueKind.None, []);
        return new CompletedOption(names, FirstSentence(option.Description), takesValue, repeatable, value);
    }

    private static CompletedValue ArgumentValue(Argument argument) =>
        argument.Name == "CMD" ? new CompletedValue(ValueKind.CommandLine, []) : ValueOf(argument.Name, Words(argument));

    private static CompletedValue ValueOf(string? helpName, IReadOnlyList<string> words) =>
        words.Count > 0 ? new CompletedValue(ValueKind.Words, words)
        : helpName is "FILE" ? new CompletedValue(ValueKind.Files, [])
        : helpName is "DIR" ? new CompletedValue(ValueKind.Directories, [])
        : new CompletedValue(ValueKind.None, []);

    private static IReadOnlyList<string> Words(Symbol symbol) =>
        [.. symbol.GetCompletions(CompletionContext.Empty).Select(item => item.Label)];

    private static string FirstSentence(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).TrimEnd('.');
    }
}
