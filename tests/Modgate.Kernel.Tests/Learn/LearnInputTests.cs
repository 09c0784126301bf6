using Modgate.Kernel.Learn;

namespace Modgate.Kernel.Tests.Learn;

public sealed class LearnInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-learn-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Proc_modules_gives_the_names_and_reports_bad_lines_with_their_number()
    {
        var path = Path.Combine(_dir, "modules");
        File.WriteAllText(path, "nf_tables 315392 0 - Live 0x0000000000000000\nbroken\nsnd-hda 1 0 - Live 0x0\n");
        var diagnostics = new List<KernelDiagnostic>();
        Assert.Equal(["nf_tables", "snd_hda"], LoadedModules.Read(path, diagnostics));
        Assert.Equal($"{path}:2: warning: expected 'NAME SIZE REFS DEPS STATE ADDRESS'; line ignored", Assert.Single(diagnostics).ToString());
    }

    [Fact]
    public void A_missing_proc_modules_is_an_error_naming_it()
    {
        var diagnostics = new List<KernelDiagnostic>();
        Assert.Empty(LoadedModules.Read(Path.Combine(_dir, "nope"), diagnostics));
        Assert.StartsWith($"{Path.Combine(_dir, "nope")}: error: cannot read the loaded modules: ", Assert.Single(diagnostics).ToString());
    }

    [Fact]
    public void The_sysfs_walk_does_not_follow_symbolic_links()
    {
        var device = Path.Combine(_dir, "devices", "pci0000:00", "0000:00:03.0");
        Directory.CreateDirectory(device);
        File.WriteAllText(Path.Combine(device, "modalias"), "pci:v00008086d0000100Esv00001AF4sd00001100bc02sc00i00\n");
        // sysfs links devices to their bus, driver, and back up: a walk that followed them would loop forever.
        Directory.CreateSymbolicLink(Path.Combine(device, "subsystem"), Path.Combine(_dir, "devices"));
        var diagnostics = new List<KernelDiagnostic>();
        var found = DeviceModaliases.Scan(_dir, diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal([new DeviceModalias("devices/pci0000:00/0000:00:03.0", "pci:v00008086d0000100Esv00001AF4sd00001100bc02sc00i00")], found);
    }

    [Fact]
    public void No_device_tree_is_an_error_naming_where_it_looked()
    {
        var diagnostics = new List<KernelDiagnostic>();
        Assert.Empty(DeviceModaliases.Scan(_dir, diagnostics));
        Assert.Equal($"{Path.Combine(_dir, "devices")}: error: no sysfs device tree here (is sysfs mounted?)", Assert.Single(diagnostics).ToString());
    }
}
