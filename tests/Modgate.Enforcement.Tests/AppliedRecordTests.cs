using Modgate.Enforcement.BpfLsm;

namespace Modgate.Enforcement.Tests;

public sealed class AppliedRecordTests
{
    [Fact]
    public void Record_round_trips_through_its_file()
    {
        var dir = Directory.CreateTempSubdirectory("modgate-applied-");
        try
        {
            var path = Path.Combine(dir.FullName, "sub", "applied");
            var record = new AppliedRecord(7, "sha256:abc", ["/etc/modgate/policy.conf", "/etc/modgate/policy.d/10-x.conf"],
                new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
            record.Save(path);
            var read = AppliedRecord.Read(path)!;
            Assert.Equal(record.Generation, read.Generation);
            Assert.Equal(record.Digest, read.Digest);
            Assert.Equal(record.Files, read.Files);
            Assert.Equal(record.AppliedAt, read.AppliedAt);
            Assert.False(File.Exists(path + ".new"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Missing_record_reads_as_null() => Assert.Null(AppliedRecord.Read("/nonexistent/modgate/applied"));
}

public sealed class AppliedPolicyCopyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-applied-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_saved_copy_reads_back_as_the_same_policy_and_names_the_sources()
    {
        var loaded = Modgate.Policy.PolicyLoader.LoadText("/etc/modgate/policy.conf", "autoload privileged\n\ndeny module=n_hdlc uid=1000-60000 # why\n");
        var path = Path.Combine(_dir, "policy.conf");
        Modgate.Enforcement.BpfLsm.AppliedRecord.SavePolicy(loaded.Document!, 1, path);
        var lines = File.ReadAllLines(path);
        Assert.Equal("deny module=n_hdlc uid=1000-60000    # /etc/modgate/policy.conf:3", lines[2]);
        var reread = Modgate.Policy.PolicyLoader.Load([path]);
        Assert.Empty(reread.Diagnostics);
        Assert.Equal(loaded.Document!.Directives.Select(d => d.WithoutPosition()), reread.Document!.Directives.Select(d => d.WithoutPosition()));
    }
}
