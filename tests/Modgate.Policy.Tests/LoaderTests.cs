namespace Modgate.Policy.Tests;

/// <summary>Files and drop-in directories, on a real temporary directory.</summary>
public sealed class LoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-loader-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Directory_merges_policy_conf_then_drop_ins_in_lexical_order_keeping_file_names()
    {
        var main = Write("policy.conf", "autoload privileged\n");
        var b = Write("policy.d/20-b.conf", "deny module=b\n");
        var a = Write("policy.d/10-a.conf", "deny module=a\n");
        Write("policy.d/README", "not a policy\n");
        var result = PolicyLoader.Load([_dir]);
        Assert.Empty(result.Diagnostics);
        Assert.Equal([main, a, b], result.Document!.Files);
        var rules = result.Document.Rules.ToList();
        Assert.Equal(["a", "b"], rules.Select(r => r.Modules!.Value[0].Text));
        Assert.Equal(new SourcePosition(a, 1, 1), rules[0].Position);
        Assert.Equal(new SourcePosition(b, 1, 1), rules[1].Position);
    }

    [Fact]
    public void Errors_in_drop_ins_name_their_file()
    {
        var main = Write("policy.conf", "autoload off\n");
        var dropIn = Write("policy.d/50-x.conf", "\nautoload privileged\n");
        var result = PolicyLoader.Load([_dir]);
        Assert.Equal([$"{dropIn}:2:1: error: duplicate 'autoload' directive: already given at {main}:1:1"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_lock_in_a_drop_in_that_follows_another_lock_is_an_error()
    {
        var main = Write("policy.conf", "lock\n");
        var dropIn = Write("policy.d/99-lock.conf", "lock\n");
        Assert.Equal([$"{dropIn}:1:1: error: duplicate 'lock' directive: already given at {main}:1:1"],
            PolicyLoader.Load([_dir]).Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var missing = Path.Combine(_dir, "nope.conf");
        var result = PolicyLoader.Load([missing]);
        Assert.True(result.HasErrors);
        Assert.Null(result.Document);
        Assert.Equal([$"{missing}: error: no such policy file or directory"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Empty_directory_says_where_it_looked()
    {
        var result = PolicyLoader.Load([_dir]);
        Assert.Equal([$"{_dir}: error: no policy found: looked for {_dir}/policy.conf and {_dir}/policy.d/*.conf"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Unreadable_file_is_a_diagnostic_not_an_exception()
    {
        // /proc/self/mem exists but read(2) at offset 0 fails with EIO, for root too (file modes would not stop root).
        var result = PolicyLoader.Load(["/proc/self/mem"]);
        Assert.True(result.HasErrors);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.StartsWith("/proc/self/mem: error: cannot read policy file: ", diagnostic.ToString());
    }
}
