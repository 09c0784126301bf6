using System.Text;

namespace Modgate.Cli.Tests.Completions;

/// <summary>Writes packaging/completions/_modgate (installed as /usr/share/zsh/vendor-completions/_modgate).</summary>
internal static class ZshCompletionWriter
{
    public static string Write(IReadOnlyList<CompletedOption> rootOptions, IReadOnlyList<CompletedCommand> commands)
    {
        var s = new StringBuilder();
        s.Append("""
            #compdef modgate
            # zsh completion for modgate(8)
            # Generated from modgate's command tree by tests/Modgate.Cli.Tests/Completions; do not edit. After changing a
            # command: MODGATE_WRITE_COMPLETIONS=1 dotnet test tests/Modgate.Cli.Tests --filter Completion

            local curcontext=$curcontext state line ret=1
            typeset -A opt_args

            _arguments -C \

            """);
        foreach (var option in rootOptions) s.Append("  ").Append(Spec(option)).Append(" \\\n");
        s.Append("""
              '1: :->command' \
              '*:: :->arguments' && ret=0

            case $state in
              command)
                local -a commands
                commands=(

            """);
        foreach (var command in commands) s.Append("      ").Append(Quote($"{command.Name}:{command.Description}")).Append('\n');
        s.Append("""
                )
                _describe -t commands 'modgate command' commands && ret=0
                ;;
              arguments)
                curcontext=${curcontext%:*:*}:modgate-$words[1]:
                case $words[1] in

            """);
        foreach (var command in commands)
        {
            s.Append("        ").Append(command.Name).Append(")\n          _arguments \\\n");
            foreach (var option in command.Options) s.Append("            ").Append(Spec(option)).Append(" \\\n");
            for (var i = 0; i < command.Arguments.Count; i++)
            {
                var argument = command.Arguments[i];
                var last = i == command.Arguments.Count - 1;
                var position = argument.Kind == ValueKind.CommandLine ? "'*::command:_normal'"
                    : last && argument.Kind is ValueKind.Files or ValueKind.Directories ? $"'*:{Action(argument)}'"
                    : $"'{i + 1}:{Action(argument)}'";
                s.Append("            ").Append(position).Append(" \\\n");
            }
            s.Append("            && ret=0\n          ;;\n");
        }
        s.Append("""
                esac
                ;;
            esac

            return ret

            """);
        return s.ToString();
    }

    /// <summary>An _arguments spec: '(--quiet -q)'{--quiet,-q}'[Print only errors]', with ':FILE:_files' for values.</summary>
    private static string Spec(CompletedOption option)
    {
        var description = Escape(option.Description);
        var value = option.TakesValue ? ":" + Action(option.Value) : "";
        var repeat = option.Repeatable ? "*" : "";
        if (option.Names.Count == 1)
        {
            var equals = option.TakesValue && option.Names[0].StartsWith("--", StringComparison.Ordinal) ? "=" : "";
            return $"'{repeat}{option.Names[0]}{equals}[{description}]{value}'";
        }
        var exclusion = option.Repeatable ? "" : $"'({string.Join(' ', option.Names)})'";
        return $"{exclusion}'{repeat}'{{{string.Join(',', option.Names)}}}'[{description}]{value}'";
    }

    private static string Action(CompletedValue value) => value.Kind switch
    {
        ValueKind.Files => "file:_files",
        ValueKind.Directories => "directory:_files -/",
        ValueKind.Words => $"value:({string.Join(' ', value.Words)})",
        _ => "value: ",
    };

    /// <summary>Brackets and colons end a description in _arguments; a single quote ends the shell word.</summary>
    private static string Escape(string text) =>
        text.Replace("'", "'\\''", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal)
            .Replace("]", "\\]", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal);

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
