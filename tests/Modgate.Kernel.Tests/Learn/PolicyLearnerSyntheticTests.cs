using Modgate.Kernel.Learn;

namespace Modgate.Kernel.Tests.Learn;

/// <summary>The learner's bookkeeping on a small tree written for the purpose: what it counts, notes and pulls in.</summary>
public sealed class PolicyLearnerSyntheticTests : IDisposable
{
    private readonly SyntheticTree _tree = new SyntheticTree()
        .With("modules.dep", "kernel/drivers/nic.ko: kernel/lib/ring.ko\nkernel/lib/ring.ko:\nkernel/drivers/helper.ko:\n")
        .With("modules.alias", "alias pci:v1111d* nic\nalias pci:v2222d* gone\nalias pci:v3333d* inkernel\n")
        .With("modules.builtin", "kernel/drivers/inkernel.ko\n")
        .With("modules.softdep", "softdep nic pre: helper\n");

    public void Dispose() => _tree.Dispose();

    private static DeviceModalias Device(string name, string modalias) => new($"devices/{name}", modalias);

    [Fact]
    public void Counts_notes_and_the_modules_modprobe_inserts_along()
    {
        var learner = new PolicyLearner(new AliasResolver(_tree.Load()));
        var policy = learner.Learn([],
            [Device("a", "pci:v1111d0001"), Device("b", "pci:v1111d0002"), Device("c", "pci:v2222d0001"), Device("d", "pci:v3333d0001"), Device("e", "usb:v9999")],
            []);
        Assert.Equal(new LearnCounts(0, 5, 2, 1, 0), policy.Counts);
        Assert.Equal(
            [("helper", "softdep of nic (" + Path.Combine(_tree.ModuleDirectory, "modules.softdep") + ":1)"),
             ("nic", "hardware: /devices/a (pci:v1111d0001) and 1 more device"),
             ("ring", "dependency of nic (modules.dep)")],
            policy.Rules.Select(r => (r.Module, Assert.Single(r.Reasons))));
        Assert.Equal([$"gone matches /devices/c (pci:v2222d0001) but has no module file in {_tree.ModuleDirectory}"], policy.Notes);
    }
}
