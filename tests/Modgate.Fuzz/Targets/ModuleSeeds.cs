namespace Modgate.Fuzz;

/// <summary>The real modules every ELF target starts from: the smallest of the tree, and a few with more sections and relocations.</summary>
internal static class ModuleSeeds
{
    public static IReadOnlyList<string> Paths(SeedFiles files) =>
        files.Modules(4, "kernel/drivers/tty/n_hdlc.ko", "kernel/fs/fat/vfat.ko", "kernel/net/sctp/sctp_diag.ko");
}
