using System.CommandLine;
using System.CommandLine.Invocation;

namespace Modgate.Cli.Version;

/// <summary>Replaces System.CommandLine's `--version` (release only) with <see cref="VersionText"/>.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.Write(VersionText.ForThisProcess());
        return 0;
    }

    public static void InstallOn(RootCommand root)
    {
        foreach (var option in root.Options)
            if (option is VersionOption version) version.Action = new VersionAction();
    }
}
