using System.CommandLine;
using System.Text.Json;
using Modgate.Cli.Json;
using Modgate.Cli.AuditLog;
using Modgate.Kernel;
using Modgate.Kernel.Learn;

namespace Modgate.Cli.Commands;

/// <summary>`modgate import-modprobe [DIR…]`: modprobe.d's blacklist and install-/bin/false lines as deny rules.</summary>
internal static class ImportModprobeCommand
{
    public static Command Create()
    {
        var directories = new Argument<string[]>("DIR")
        {
            Description = "modprobe.d directories or files, read as modprobe reads them (default: " +
                          string.Join(" ", ModprobeConfigReader.DefaultPaths) + ")",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string?>("--output", "-o") { Description = "Write the policy to FILE (replaced atomically) instead of stdout", HelpName = "FILE" };
        var command = new Command("import-modprobe",
            "Turn modprobe.d's 'blacklist X' and 'install X /bin/false' (or /bin/true) lines into 'deny module=X' rules, " +
            "each with a comment naming its file and line. The rules also stop insmod and autoload under any alias, which " +
            "modprobe.d never did. With --json: the rules with their sources, and the policy text. Needs no root.")
        {
            directories,
            output,
        };
        command.SetAction(result => Run(result.GetValue(directories) ?? [], result.GetValue(output), result.GetValue(GlobalOptions.Json),
            result.GetValue(GlobalOptions.Quiet)));
        return command;
    }

    private static int Run(string[] given, string? output, bool json, bool quiet)
    {
        foreach (var path in given)
        {
            if (!Directory.Exists(path) && !File.Exists(path))
            {
                Console.Error.WriteLine(CommandErrors.ReaderLine("import-modprobe", $"{path}: no such file or directory"));
                return ExitCodes.UsageOrPolicyError;
            }
        }
        var searched = given.Length > 0 ? given : ModprobeConfigReader.DefaultPaths;
        var import = ModprobeImporter.Import(searched);
        if (!quiet)
            foreach (var diagnostic in import.Diagnostics) Console.Error.WriteLine(diagnostic.ToString());
        var policy = ModprobeImportPolicy.Render(import, searched);
        if (!json) return PolicyOutput.WritePolicy("import-modprobe", policy, output);
        var document = new ImportJson(1, import.Files,
            [.. import.Denies.Select(d => new ImportedDenyJson(d.Module, [.. d.Sources.Select(LineJson)]))],
            [.. import.Skipped.Select(s => new ImportSkipJson(LineJson(s.Line), s.Reason))], policy);
        return PolicyOutput.Write("import-modprobe", JsonSerializer.Serialize(document, LearnJsonContext.Default.ImportJson) + "\n", output);
    }

    private static ModprobeLineJson LineJson(ModprobeRefusal line) => new(line.Source.File, line.Source.Line, line.Directive);
}
