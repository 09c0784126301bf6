using Modgate.Bpf.Kernel;
using Modgate.Bpf.Maps;
using Modgate.Policy;

namespace Modgate.Bpf.Tests;

/// <summary>
/// The policy's enums and the kernel's codes are translated in PolicyKernelCodes only; every value of each policy enum
/// must come back as itself, and what the kernel answers to MG_PRCTL_DECIDE must decode as modgate.h describes it.
/// </summary>
public sealed class KernelCodesTests
{
    [Fact]
    public void Every_verb_comes_back_from_its_code()
    {
        foreach (var verb in Enum.GetValues<Verb>())
        {
            Assert.True(PolicyKernelCodes.TryVerb((byte)PolicyKernelCodes.ToKernel(verb), out var back));
            Assert.Equal(verb, back);
        }
        Assert.False(PolicyKernelCodes.TryVerb(3, out _));
    }

    [Fact]
    public void Every_mode_comes_back_from_its_code_and_an_unknown_code_reads_as_off()
    {
        foreach (var mode in Enum.GetValues<Mode>())
            Assert.Equal(mode, PolicyKernelCodes.ModeOf((byte)PolicyKernelCodes.ToKernel(mode)));
        Assert.Equal(Mode.Off, PolicyKernelCodes.ModeOf(3));
    }

    [Fact]
    public void Every_layer_comes_back_from_its_code()
    {
        foreach (var layer in Enum.GetValues<DecisionLayer>())
        {
            Assert.True(PolicyKernelCodes.TryLayer((byte)(int)layer, out var back));
            Assert.Equal(layer, back);
        }
        Assert.False(PolicyKernelCodes.TryLayer(4, out _));
    }

    [Fact]
    public void Origins_enforcement_actions_and_verdicts_map_to_their_kernel_codes()
    {
        Assert.Equal(KernelOrigin.Any, PolicyKernelCodes.ToKernel((Origin?)null));
        foreach (var origin in Enum.GetValues<Origin>())
            Assert.Equal(origin, PolicyKernelCodes.OriginOf((byte)PolicyKernelCodes.ToKernel(origin)));
        foreach (var mode in Enum.GetValues<EnforcementMode>())
            Assert.Equal(mode, PolicyKernelCodes.EnforcementOf((byte)PolicyKernelCodes.ToKernel(mode)));
        Assert.Equal([KernelAction.Allow, KernelAction.Deny, KernelAction.Audit],
            Enum.GetValues<RuleAction>().Select(PolicyKernelCodes.ToKernel));
        Assert.Equal([KernelVerdict.Allow, KernelVerdict.Deny], Enum.GetValues<Verdict>().Select(PolicyKernelCodes.ToKernel));
    }

    [Fact]
    public void Counters_of_a_verb_follow_the_verb_order_of_the_header()
    {
        Assert.Equal(0u, PolicyKernelCodes.CounterIndex(Verb.Autoload, KernelOutcome.Allowed));
        Assert.Equal(7u, PolicyKernelCodes.CounterIndex(Verb.Load, KernelOutcome.Audited));
        Assert.Equal(10u, PolicyKernelCodes.CounterIndex(Verb.Unload, KernelOutcome.WouldDeny));
    }

    [Fact]
    public void Decision_bits_decode_verdict_complain_layer_and_rule()
    {
        var layerRule = (int)KernelLayer.Rule << MapConstants.DecisionLayerShift;
        Assert.Equal(new KernelDecisionBits(true, false, DecisionLayer.Rule, 4), KernelDecisionBits.Decode(MapConstants.DecisionDeny | layerRule, 5));
        var wouldDeny = KernelDecisionBits.Decode(MapConstants.DecisionWouldDeny | (int)KernelLayer.GlobalMode << MapConstants.DecisionLayerShift, 0);
        Assert.Equal(new KernelDecisionBits(false, true, DecisionLayer.GlobalMode, -1), wouldDeny);
        Assert.Equal("would-deny", wouldDeny.DecisionWord);
        Assert.Equal("allow", KernelDecisionBits.Decode((int)KernelLayer.Default << MapConstants.DecisionLayerShift, 0).DecisionWord);
    }
}
