using System.Text;
using Modgate.Enforcement.Audit;

namespace Modgate.Enforcement.Tests.Audit;

public sealed class AuditJsonlWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-audit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string LogPath => Path.Combine(_dir, "log", "audit.jsonl");

    [Fact]
    public void Records_are_appended_one_line_each_and_read_back()
    {
        using (var writer = new AuditJsonlWriter(LogPath))
        {
            writer.Write(AuditSamples.Denied("tty-ldisc-13", "n_hdlc"));
            writer.Write(AuditSamples.Denied("net-pf-5", "appletalk"));
        }
        var lines = File.ReadAllLines(LogPath);
        Assert.Equal(2, lines.Length);
        var read = AuditJsonlReader.ReadWithRotated(LogPath);
        Assert.Equal(["n_hdlc", "appletalk"], read.Events.Select(e => e.Module));
        Assert.Empty(read.Problems);
    }

    [Fact]
    public async Task The_file_is_opened_with_O_APPEND_so_two_writers_never_overwrite_each_other()
    {
        // Two writers with their own descriptors, as two agents would be; without O_APPEND the second
        // writes at its own offset 0 over the first's lines.
        using var first = new AuditJsonlWriter(LogPath);
        using var second = new AuditJsonlWriter(LogPath);
        var a = Task.Run(() => { for (var i = 0; i < 500; i++) first.Write(AuditSamples.Denied($"a-{i}", "a")); });
        var b = Task.Run(() => { for (var i = 0; i < 500; i++) second.Write(AuditSamples.Denied($"b-{i}", "b")); });
        await Task.WhenAll(a, b);
        var read = AuditJsonlReader.ReadWithRotated(LogPath);
        Assert.Empty(read.Problems);
        Assert.Equal(1000, read.Events.Count);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"a-{i}"), read.Events.Where(e => e.Module == "a").Select(e => e.Request));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"b-{i}"), read.Events.Where(e => e.Module == "b").Select(e => e.Request));
    }

    [Fact]
    public void Rotation_by_size_keeps_whole_lines_in_each_file_and_drops_the_oldest()
    {
        var lineLength = AuditRecordCodec.ToLine(AuditSamples.Denied("r-00", "m")).Length;
        // Room for three lines a file, four files in all (current + 3 rotated).
        using (var writer = new AuditJsonlWriter(LogPath, maxBytes: 3 * lineLength + lineLength / 2, keep: 3))
            for (var i = 0; i < 20; i++) writer.Write(AuditSamples.Denied($"r-{i:D2}", "m"));

        var files = AuditJsonlReader.RotatedFiles(LogPath);
        Assert.Equal([LogPath + ".3", LogPath + ".2", LogPath + ".1"], files);
        foreach (var file in files.Append(LogPath))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.Length <= 3 * lineLength + lineLength / 2, $"{file} has {bytes.Length} bytes");
            Assert.Equal((byte)'\n', bytes[^1]);
        }
        var read = AuditJsonlReader.ReadWithRotated(LogPath);
        Assert.Empty(read.Problems);
        // 20 records, 3 a file: [0-2] … [15-17] [18-19]; the four newest files keep r-09..r-19, oldest first.
        Assert.Equal(Enumerable.Range(9, 11).Select(i => $"r-{i:D2}"), read.Events.Select(e => e.Request));
    }

    [Fact]
    public void The_read_says_where_it_stopped_in_the_current_file_for_a_follower_to_resume()
    {
        var lineLength = AuditRecordCodec.ToLine(AuditSamples.Denied("r-00", "m")).Length;
        using (var writer = new AuditJsonlWriter(LogPath, maxBytes: 2 * lineLength, keep: 3))
            for (var i = 0; i < 3; i++) writer.Write(AuditSamples.Denied($"r-{i:D2}", "m"));
        // A record still being written: not read, and not counted in the offset (log --follow prints it once it is whole).
        File.AppendAllText(LogPath, "{\"schema\":1,");
        var read = AuditJsonlReader.ReadWithRotated(LogPath);
        Assert.Equal(["r-00", "r-01", "r-02"], read.Events.Select(e => e.Request));
        Assert.Equal(lineLength, read.EndOffset); // the current file holds r-02 and the half line; .1 holds r-00, r-01
        Assert.Equal(2 * lineLength, AuditJsonlReader.ReadWithRotated(LogPath + ".1").EndOffset);
    }

    [Fact]
    public void A_line_longer_than_the_rotation_size_still_goes_out_whole()
    {
        using (var writer = new AuditJsonlWriter(LogPath, maxBytes: 10, keep: 1))
        {
            writer.Write(AuditSamples.Denied("first", "m"));
            writer.Write(AuditSamples.Denied("second", "m"));
        }
        Assert.Equal(["first"], AuditJsonlReader.ReadWithRotated(LogPath + ".1").Events.Select(e => e.Request));
        Assert.Equal(["first", "second"], AuditJsonlReader.ReadWithRotated(LogPath).Events.Select(e => e.Request));
    }

    [Fact]
    public void A_failed_write_is_an_error_naming_the_file_and_the_reason()
    {
        // /dev/full fails every write with ENOSPC: the writer must say so, not pretend.
        using var writer = new AuditJsonlWriter("/dev/full", maxBytes: long.MaxValue);
        var error = Assert.Throws<AuditLogException>(() => writer.Write(AuditSamples.Denied()));
        Assert.Equal("/dev/full: cannot append audit record: No space left on device", error.Message);
    }

    [Fact]
    public void An_unopenable_log_is_an_error_naming_it()
    {
        File.WriteAllText(Path.Combine(_dir, "file"), "");
        var path = Path.Combine(_dir, "file", "audit.jsonl");
        using var writer = new AuditJsonlWriter(path);
        var error = Assert.Throws<AuditLogException>(() => writer.Write(AuditSamples.Denied()));
        Assert.StartsWith($"{path}: cannot create the audit log's directory: ", error.Message);
    }

    [Fact]
    public void A_half_written_last_line_is_left_for_later_and_bad_lines_are_reported_with_their_position()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        var good = Encoding.UTF8.GetString(AuditRecordCodec.ToLine(AuditSamples.Denied()));
        File.WriteAllText(LogPath, good + "{\"schema\":1,\"verb\"\n" + good + good[..40]);
        var read = AuditJsonlReader.ReadWithRotated(LogPath);
        Assert.Equal(2, read.Events.Count);
        var problem = Assert.Single(read.Problems);
        Assert.Equal((LogPath, 2), (problem.File, problem.Line));
        Assert.StartsWith($"{LogPath}:2: not a JSON audit record: ", problem.ToString());

        // The follower resumes after the last complete line and picks the record up once it is whole.
        var events = new List<AuditEvent>();
        var offset = AuditJsonlReader.ReadFrom(LogPath, 0, events, []);
        Assert.Equal(2 * good.Length + "{\"schema\":1,\"verb\"\n".Length, offset);
        File.AppendAllText(LogPath, good[40..]);
        events.Clear();
        AuditJsonlReader.ReadFrom(LogPath, offset, events, []);
        Assert.Equal([AuditSamples.Denied()], events);
    }

    [Fact]
    public void A_missing_log_is_an_error_that_says_who_writes_it()
    {
        var error = Assert.Throws<AuditLogException>(() => AuditJsonlReader.ReadWithRotated(LogPath));
        Assert.Equal($"{LogPath}: no audit log here (modgate agent writes it; see `modgate status`)", error.Message);
    }
}
