using Modgate.Bpf.Maps;
using Modgate.Enforcement.BpfLsm;

namespace Modgate.Enforcement.Tests;

/// <summary>The index of compressed module files the kernel side judges compressed finit_module by (before 7.0).</summary>
public sealed class ModuleFileIndexTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("modgate-index-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Tree(string release)
    {
        var tree = Path.Combine(_root, release);
        Directory.CreateDirectory(Path.Combine(tree, "kernel", "crypto"));
        File.WriteAllText(Path.Combine(tree, "kernel", "crypto", "wp512.ko.xz"), "xz bytes");
        File.WriteAllText(Path.Combine(tree, "kernel", "crypto", "crypto-user.ko.zst"), "zstd bytes!");
        File.WriteAllText(Path.Combine(tree, "kernel", "crypto", "plain.ko"), "an ELF");
        File.WriteAllText(Path.Combine(tree, "kernel", "crypto", "notes.ko.txt"), "not a module");
        return tree;
    }

    [Fact]
    public void The_running_kernels_tree_gives_each_compressed_file_its_normalized_name_and_inode()
    {
        var tree = Tree(File.ReadAllText("/proc/sys/kernel/osrelease").Trim());
        var entries = ModuleFileIndex.Of(tree).ToDictionary(e => Text(e.Value.Name));
        Assert.Equal(["crypto_user", "wp512"], entries.Keys.Order());
        var wp512 = entries["wp512"];
        Assert.Equal(8ul, wp512.Value.Size);
        Assert.Equal(Modgate.Bpf.Kernel.ProcessModeCalls.InodeOf(Path.Combine(tree, "kernel", "crypto", "wp512.ko.xz")), wp512.Key.Ino);
        Assert.NotEqual(0ul, wp512.Key.Dev);
        Assert.NotEqual(0L, wp512.Value.CtimeSec);
    }

    [Fact]
    public void Another_kernels_tree_is_not_indexed()
    {
        Assert.Empty(ModuleFileIndex.Of(Tree("0.0.0-not-running")));
    }

    private static string Text(KeyString s)
    {
        ReadOnlySpan<byte> bytes = s;
        var end = bytes.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }
}
