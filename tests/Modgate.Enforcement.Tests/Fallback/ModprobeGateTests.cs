using Modgate.Enforcement.Fallback;

namespace Modgate.Enforcement.Tests.Fallback;

/// <summary>The modprobe gate's reading of its arguments, and its refusal when it has no policy to judge by.</summary>
public sealed class ModprobeGateTests
{
    [Fact]
    public void The_request_is_the_argument_after_the_double_dash()
    {
        Assert.Equal("tty-ldisc-13", ModprobeGate.RequestOf(["-q", "--", "tty-ldisc-13"]));
        Assert.Null(ModprobeGate.RequestOf(["-q", "--"]));
        Assert.Null(ModprobeGate.RequestOf(["-q", "tty-ldisc-13"]));
    }

    [Fact]
    public void Without_a_gate_state_the_real_modprobe_is_sbin_modprobe() =>
        Assert.Equal("/sbin/modprobe", ModprobeGate.RealModprobe(null));

    [Fact]
    public void Without_a_readable_policy_copy_every_request_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("modgate-gate-");
        try
        {
            var copy = Path.Combine(dir.FullName, "policy.conf");
            var judgement = ModprobeGate.Judge("tty-ldisc-13", copy, Path.Combine(dir.FullName, "no-tree"));
            Assert.False(judgement.Allowed);
            Assert.Equal([$"modprobe-gate: deny autoload request=tty-ldisc-13: no readable policy at {copy} (run modgate apply)"], judgement.LogLines);

            File.WriteAllText(copy, "");
            Assert.False(ModprobeGate.Judge("tty-ldisc-13", copy, Path.Combine(dir.FullName, "no-tree")).Allowed);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
