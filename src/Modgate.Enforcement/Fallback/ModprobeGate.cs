using Modgate.Enforcement.BpfLsm;
using Modgate.Kernel;

namespace Modgate.Enforcement.Fallback;

/// <summary>What the modprobe gate decided for one autoload request.</summary>
/// <param name="Allowed">Whether the real modprobe may run.</param>
/// <param name="LogLines">What goes to the kernel log: the refusal, or in complain mode what would have been refused.</param>
public sealed record GateJudgement(bool Allowed, IReadOnlyList<string> LogLines);

/// <summary>
/// The judgement of the fallback backend's kernel.modprobe helper (`modgate modprobe-gate`): the request, and each
/// module modprobe would load for it, judged by the applied policy copy as an unknown requester (<see cref="GateDecision"/>).
/// </summary>
public static class ModprobeGate
{
    /// <summary>The request among the helper's arguments: modprobe's own options come first, the kernel puts the request after "--".</summary>
    public static string? RequestOf(IReadOnlyList<string> arguments)
    {
        var dashes = arguments.ToList().IndexOf("--");
        return dashes >= 0 && dashes + 1 < arguments.Count ? arguments[dashes + 1] : null;
    }

    /// <summary>The modprobe the gate stands in for: kernel.modprobe as it was before the gate, else /sbin/modprobe.</summary>
    public static string RealModprobe(FallbackState? state) => state?.ModprobeBefore is { Length: > 0 } before ? before : "/sbin/modprobe";

    /// <param name="policyCopy">The applied policy copy (<see cref="BpfPins.AppliedPolicy"/> on a real system).</param>
    /// <param name="treeDirectory">The running kernel's module tree; without one only the request itself is judged.</param>
    public static GateJudgement Judge(string request, string policyCopy, string treeDirectory)
    {
        // Fail closed: a gate in place without a readable policy cannot tell what is allowed.
        var text = File.Exists(policyCopy) ? File.ReadAllText(policyCopy) : "";
        if (text.Length == 0 || AppliedRecord.CompileCopy(policyCopy, text) is not { } policy)
            return new GateJudgement(false, [$"modprobe-gate: deny autoload request={request}: no readable policy at {policyCopy} (run modgate apply)"]);
        IReadOnlyList<string> modules = [];
        IReadOnlyList<GateVerdict> verdicts;
        if (Directory.Exists(treeDirectory))
        {
            var resolver = new AliasResolver(ModuleTree.Load(treeDirectory));
            var resolution = resolver.ResolveDetailed(request);
            modules = resolution.Modules;
            verdicts = GateDecision.DecideWithLoads(policy, request, modules, ProbeList.For(resolver, resolution));
        }
        else
        {
            verdicts = [GateDecision.Decide(policy, request, modules)];
        }
        return new GateJudgement(verdicts.All(v => v.Allowed), [.. GateLog.Lines(request, modules, verdicts, text.Split('\n'))]);
    }
}
