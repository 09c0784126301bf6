using Modgate.Cli.Commands;
using Modgate.Cli.Output;
using Modgate.Cli.Version;

var root = CommandRegistry.BuildRoot();
VersionAction.InstallOn(root);
var parse = root.Parse(args);
Terminal.Configure(parse);
if (parse.Errors.Count > 0)
{
    // SPEC.md §1: usage errors exit 2 (System.CommandLine's own default would be 1, "runtime failure").
    foreach (var error in parse.Errors) Console.Error.WriteLine($"modgate: {error.Message}");
    Console.Error.WriteLine("Try 'modgate --help' or 'modgate COMMAND --help'.");
    return ExitCodes.UsageOrPolicyError;
}
return parse.Invoke();
