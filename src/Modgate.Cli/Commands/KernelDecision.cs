using Modgate.Bpf;
using Modgate.Bpf.Kernel;

namespace Modgate.Cli.Commands;

/// <summary>
/// `modgate status --kernel-decision VERB:NAME` (hidden): asks modgate's attached programs, through their private
/// prctl, what they decide for the calling process making this request. The guest's differential test compares
/// it with `modgate simulate`.
/// </summary>
internal static class KernelDecision
{
    private static readonly string[] Verbs = ["autoload", "load", "unload"];
    private static readonly string[] Layers = ["process-mode", "global-mode", "rule", "default"];

    public static int Print(string request, bool originAutoload)
    {
        var colon = request.IndexOf(':');
        var verb = colon > 0 ? Array.IndexOf(Verbs, request[..colon]) : -1;
        if (verb < 0 || colon == request.Length - 1)
        {
            Console.Error.WriteLine($"modgate: status: --kernel-decision wants VERB:NAME with VERB autoload, load or unload, not '{request}'");
            return ExitCodes.UsageOrPolicyError;
        }
        try
        {
            var bits = ProcessModeCalls.Decide(verb, request[(colon + 1)..], originAutoload ? 1 : 2);
            var deny = (bits & 1) != 0;
            var wouldDeny = (bits & 2) != 0;
            var layer = (bits >> 4) & 0xf;
            var rule = ((bits >> 8) & 0xffff) - 1;
            Console.WriteLine($"verdict={(deny ? "deny" : "allow")} decision={(wouldDeny ? "would-deny" : deny ? "deny" : "allow")} " +
                              $"layer={(layer < Layers.Length ? Layers[layer] : "?")} rule={rule}");
            return ExitCodes.Success;
        }
        catch (SyscallException e) when (e.Errno == 22)
        {
            Console.Error.WriteLine("modgate: status: modgate's programs are not attached here (run modgate apply)");
            return ExitCodes.KernelLacksFeature;
        }
    }
}
