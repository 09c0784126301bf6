namespace Modgate.Kernel.Tests.Learn;

/// <summary>The recorded inputs under tests/fixtures (see the README files there for where each came from).</summary>
internal static class Fixtures
{
    public static string Root => Path.Combine(RepositoryRoot.Path, "tests", "fixtures");

    /// <summary>The modalias files of the QEMU guest's /sys (i440FX machine, Debian 6.1 kernel), recorded with tests/vm.</summary>
    public static string QemuSysfs => Path.Combine(Root, "sys", "qemu-i440fx");

    public static string DebianModprobeD => Path.Combine(Root, "modprobe.d", "debian-bookworm");

    public static string CisModprobeD => Path.Combine(Root, "modprobe.d", "cis");
}
