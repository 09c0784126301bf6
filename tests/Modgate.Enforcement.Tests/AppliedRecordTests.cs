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
