using Modgate.Bpf.Interop;

namespace Modgate.Bpf.Tests;

/// <summary>
/// libbpf's messages reach C# through the UnmanagedCallersOnly print callback, formatted by vsnprintf from the
/// va_list: a broken object makes libbpf warn (no bpf() call is made), and the warning is captured.
/// </summary>
public sealed class LibbpfLogTests
{
    [Fact]
    public void Warnings_of_libbpf_are_captured_and_formatted()
    {
        using var log = LibbpfLog.Begin();
        Assert.Throws<SyscallException>(() => BpfObject.Open(new byte[64], "zeros"));
        Assert.Contains("libbpf: elf: ", log.Text);
        Assert.DoesNotContain("%s", log.Text);
    }

    [Fact]
    public void Nothing_is_captured_outside_a_capture()
    {
        string text;
        using (var log = LibbpfLog.Begin()) text = log.Text;
        Assert.Equal("", text);
        Assert.Throws<SyscallException>(() => BpfObject.Open(new byte[64], "zeros"));
    }
}
