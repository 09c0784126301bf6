using System.Text;

namespace Modgate.Cli.Tests.Completions;

/// <summary>Writes packaging/completions/modgate.bash (installed as /usr/share/bash-completion/completions/modgate).</summary>
internal static class BashCompletionWriter
{
    public static string Write(IReadOnlyList<CompletedOption> rootOptions, IReadOnlyList<CompletedCommand> commands)
    {
        var s = new StringBuilder();
        s.Append("""
            # bash completion for modgate(8)
            # Generated from modgate's command tree by tests/Modgate.Cli.Tests/Completions; do not edit. After changing a
            # command: MODGATE_WRITE_COMPLETIONS=1 dotnet test tests/Modgate.Cli.Tests --filter Completion

            _modgate() {
                local cur prev words cword
                _init_completion || return

                local command="" i
                for ((i = 1; i < cword; i++)); do
                    case ${words[i]} in

            """);
        s.Append("            ").Append(string.Join('|', commands.Select(c => c.Name))).Append(") command=${words[i]}; break ;;\n");
        s.Append("""
                    esac
                done

                # The value of the option before the cursor.
                case "$command $prev" in

            """);
        foreach (var (scope, option) in commands.SelectMany(c => c.Options.Select(o => (c.Name, o))).Concat(rootOptions.Select(o => ("", o))))
        {
            if (!option.TakesValue) continue;
            s.Append("        ").Append(string.Join('|', option.Names.Select(n => $"\"{scope} {n}\""))).Append(") ")
             .Append(ValueCompletion(option.Value)).Append(" return ;;\n");
        }
        s.Append("""
                esac

                case $command in

            """);
        s.Append("        \"\") COMPREPLY=($(compgen -W \"")
         .Append(string.Join(' ', commands.Select(c => c.Name).Concat(rootOptions.SelectMany(o => o.Names))))
         .Append("\" -- \"$cur\")) ;;\n");
        foreach (var command in commands)
        {
            s.Append("        ").Append(command.Name).Append(")\n");
            if (command.Arguments.Any(a => a.Kind == ValueKind.CommandLine))
            {
                // exec: after `--`, complete the command to run and its own arguments.
                s.Append("""
                                for ((i = 1; i < cword; i++)); do
                                    if [[ ${words[i]} == -- ]]; then _command_offset $((i + 1)); return; fi
                                done

                    """);
            }
            s.Append("            if [[ $cur == -* ]]; then\n")
             .Append("                COMPREPLY=($(compgen -W \"").Append(string.Join(' ', command.Options.SelectMany(o => o.Names))).Append("\" -- \"$cur\"))\n");
            var argument = ArgumentCompletion(command);
            if (argument is not null) s.Append("            else\n                ").Append(argument).Append('\n');
            s.Append("            fi ;;\n");
        }
        s.Append("""
                esac
            } &&
                complete -F _modgate modgate

            """);
        return s.ToString();
    }

    private static string ValueCompletion(CompletedValue value) => value.Kind switch
    {
        ValueKind.Files => "_filedir;",
        ValueKind.Directories => "_filedir -d;",
        ValueKind.Words => $"COMPREPLY=($(compgen -W \"{string.Join(' ', value.Words)}\" -- \"$cur\"));",
        _ => "COMPREPLY=();",
    };

    /// <summary>The first positional argument decides (simulate's VERB, check's FILE…); the rest are values the shell cannot guess.</summary>
    private static string? ArgumentCompletion(CompletedCommand command)
    {
        if (command.Arguments.Count == 0) return null;
        var first = command.Arguments[0];
        if ( first.Kind == ValueKind.CommandLine) return null;
        var completion = ValueCompletion(first);
        if (first.Kind != ValueKind.Words || command.Arguments.Count == 1) return completion.TrimEnd(';');
        // Only the first word after the command is the verb: count the words that are not options.
        return "local n=0; for ((i = i + 1; i < cword; i++)); do [[ ${words[i]} != -* ]] && n=$((n + 1)); done; " +
               $"[[ $n -eq 0 ]] && {completion.TrimEnd(';')}";
    }
}
