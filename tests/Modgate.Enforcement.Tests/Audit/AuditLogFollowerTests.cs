using Modgate.Enforcement.Audit;

namespace Modgate.Enforcement.Tests.Audit;

public sealed class AuditLogFollowerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-follow-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_rotation_that_leaves_the_new_file_as_long_as_the_old_position_loses_nothing()
    {
        var path = Path.Combine(_dir, "audit.jsonl");
        var line = AuditRecordCodec.ToLine(AuditSamples.Denied("r-a", "m")).Length;
        using var writer = new AuditJsonlWriter(path, maxBytes: 2 * line);
        writer.Write(AuditSamples.Denied("r-a", "m"));
        writer.Write(AuditSamples.Denied("r-b", "m"));
        using var follower = new AuditLogFollower(path, 0);
        Assert.Equal(["r-a", "r-b"], follower.Poll([]).Select(e => e.Request));
        // Two more: the file rotates and the new one is exactly as long as the position the follower had.
        writer.Write(AuditSamples.Denied("r-c", "m"));
        writer.Write(AuditSamples.Denied("r-d", "m"));
        Assert.Equal(2 * line, new FileInfo(path).Length);
        Assert.Equal(["r-c", "r-d"], follower.Poll([]).Select(e => e.Request));
        Assert.Empty(follower.Poll([]));
    }

    [Fact]
    public void Lines_are_handed_out_only_once_they_are_complete()
    {
        var path = Path.Combine(_dir, "audit.jsonl");
        var text = System.Text.Encoding.UTF8.GetString(AuditRecordCodec.ToLine(AuditSamples.Denied()));
        File.WriteAllText(path, text[..30]);
        using var follower = new AuditLogFollower(path, 0);
        Assert.Empty(follower.Poll([]));
        File.AppendAllText(path, text[30..]);
        Assert.Equal([AuditSamples.Denied()], follower.Poll([]));
    }

    [Fact]
    public void A_log_that_does_not_exist_yet_is_picked_up_when_it_appears()
    {
        var path = Path.Combine(_dir, "audit.jsonl");
        using var follower = new AuditLogFollower(path, 0);
        Assert.Empty(follower.Poll([]));
        using (var writer = new AuditJsonlWriter(path)) writer.Write(AuditSamples.Denied());
        Assert.Equal([AuditSamples.Denied()], follower.Poll([]));
    }
}
